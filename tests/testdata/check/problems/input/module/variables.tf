variable "tag" {
  default = "1"
}
variable "region" {}
variable "mystery" {
  default = ""
}
