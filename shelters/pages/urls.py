"""The public pages, in English at / and in Spanish under /es/ (a plain prefix:
no cookie and no Accept-Language sniffing chooses the language)."""

from django.urls import path

from shelters.pages import views


def _patterns(language: str, prefix: str, name: str) -> list:
    kwargs = {"language": language}
    return [
        path(f"{prefix}", views.home, kwargs, name=f"{name}home"),
        path(f"{prefix}safety/", views.safety, kwargs, name=f"{name}safety"),
        path(
            f"{prefix}shelters/<int:pk>/",
            views.detail,
            {**kwargs, "kind": "shelters"},
            name=f"{name}shelter",
        ),
        path(
            f"{prefix}medical/<int:pk>/",
            views.detail,
            {**kwargs, "kind": "medical"},
            name=f"{name}medical",
        ),
        path(
            f"{prefix}hotlines/<int:pk>/",
            views.detail,
            {**kwargs, "kind": "hotlines"},
            name=f"{name}hotline",
        ),
    ]


urlpatterns = _patterns("en", "", "public-") + _patterns("es", "es/", "public-es-")
