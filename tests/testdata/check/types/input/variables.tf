variable "count_n" {
  type = number
}
variable "flag" {
  type = bool
}
variable "name" {
  type = string
}
variable "zones" {
  type = list(string)
}
variable "ports" {
  type = set(number)
}
variable "labels" {
  type = map(string)
}
variable "pair" {
  type = tuple([string, number])
}
variable "pool" {
  type = object({
    size    = number
    enabled = optional(bool, true)
    tags    = optional(map(string), {})
  })
}
variable "anything" {
  type = any
}
variable "secret" {
  type      = number
  sensitive = true
}
variable "bad_default" {
  type    = number
  default = "many"
}
variable "bad_type" {
  type = list(string, number)
}
