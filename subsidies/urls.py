from django.urls import path
from django.views.generic import TemplateView

app_name = "subsidies"

# Placeholder until the app's pages arrive.
urlpatterns = [
    path(
        "subsidies/",
        TemplateView.as_view(
            template_name="herentq/placeholder.html",
            extra_context={"title": "Subsidies"},
        ),
        name="index",
    ),
]
