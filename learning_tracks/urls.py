from django.urls import path
from django.views.generic import TemplateView

app_name = "learning_tracks"

# Placeholder until the app's pages arrive.
urlpatterns = [
    path(
        "leertrajecten/",
        TemplateView.as_view(
            template_name="herentq/placeholder.html",
            extra_context={"title": "Leertrajecten"},
        ),
        name="list",
    ),
]
