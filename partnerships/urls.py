from django.urls import path
from django.views.generic import TemplateView

app_name = "partnerships"

# Placeholder until the app's pages arrive.
urlpatterns = [
    path(
        "partnerschappen/",
        TemplateView.as_view(
            template_name="herentq/placeholder.html",
            extra_context={"title": "Partnerschappen"},
        ),
        name="list",
    ),
]
