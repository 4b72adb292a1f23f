from django.urls import path

from shelters.console import views

app_name = "console"
urlpatterns = [
    path("", views.search_view, name="search"),
    path("suggest/", views.suggest, name="suggest"),
    path("<str:type_>/<int:pk>/", views.detail, name="detail"),
]
