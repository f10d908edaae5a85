variable "tag" {
  type    = string
  default = "1.0"
}
variable "cores" {
  type    = number
  default = 4
}
variable "region" {
  type = string
}
