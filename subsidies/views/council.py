"""Council (GROSH) members read a file on their agenda, and its attachments."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from herentq.files import file_response
from subsidies import integrations
from subsidies.constants import AttachmentPurpose
from subsidies.models import Application


class CouncilMemberMixin:
    """Only council members, and only for a file on the GROSH's agenda."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if not integrations.user_may_read_council_files(request.user):
            raise PermissionDenied
        self.application = get_object_or_404(
            Application.objects.with_related().exclude(reference=""),
            reference=kwargs["reference"],
        )
        if not integrations.is_on_agenda(self.application):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class CouncilApplicationView(CouncilMemberMixin, TemplateView):
    template_name = "subsidies/council_application.html"

    def get_context_data(self, **kwargs):
        application = self.application
        return super().get_context_data(
            application=application,
            scheme=application.call.scheme,
            totals=application.budget_totals(),
            attachments=application.attachments.filter(
                purpose=AttachmentPurpose.APPLICATION
            ).select_related("requirement"),
            sdgs=application.sdgs.all(),
            **kwargs,
        )


class CouncilAttachmentView(CouncilMemberMixin, View):
    def get(self, request, *args, **kwargs):
        attachment = get_object_or_404(
            self.application.attachments.filter(purpose=AttachmentPurpose.APPLICATION),
            pk=kwargs["attachment_pk"],
        )
        return file_response(attachment.file, download_name=attachment.original_name)
