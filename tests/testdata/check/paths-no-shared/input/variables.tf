variable "node_groups" {
  type = any
}
