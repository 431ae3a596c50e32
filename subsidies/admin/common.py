"""What the admin pages of the subsidies rooms share."""

from django.contrib import admin

ADMIN_CSS = {"all": ["css/subsidies_admin.css"]}


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
