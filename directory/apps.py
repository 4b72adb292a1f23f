from django.contrib.admin.apps import AdminConfig


class DirectoryAdminConfig(AdminConfig):
    """The admin with two-factor sign-in (see shelters.signin)."""

    default_site = "shelters.signin.DirectoryAdminSite"
