from django.urls import path
from django.views.generic import TemplateView

app_name = "council"

# Placeholder until the app's pages arrive.
urlpatterns = [
    path(
        "grosh/",
        TemplateView.as_view(
            template_name="herentq/placeholder.html",
            extra_context={"title": "GROSH"},
        ),
        name="index",
    ),
]
