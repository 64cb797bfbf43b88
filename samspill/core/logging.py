"""Error reports that cannot leak what people wrote."""

from collections.abc import ItemsView
from typing import Any

from django.http import HttpRequest
from django.views.debug import SafeExceptionReporterFilter


class ScrubbingReporterFilter(SafeExceptionReporterFilter):
    """Hide every POST field and every local variable from error reports.

    Any field of any form may hold health text, and so may a local variable in the
    frame that failed, so nothing of either is shown.
    """

    def get_post_parameters(self, request: HttpRequest | None) -> dict[str, Any]:
        if request is None:
            return {}
        return {key: self.cleansed_substitute for key in request.POST}

    def get_traceback_frame_variables(
        self, request: HttpRequest | None, tb_frame: Any
    ) -> ItemsView[str, Any]:
        return {name: self.cleansed_substitute for name in tb_frame.f_locals}.items()
