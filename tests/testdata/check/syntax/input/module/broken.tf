variable "half" {
  default = [
}
