variable "forms_admin_settings" {
  type = any
}
variable "node_groups" {
  type = any
}
