from django.urls import include, path
from django.views.i18n import set_language

from samspill.core.decorators import public

urlpatterns = [
    path("", include("samspill.core.urls")),
    path("konto/", include("samspill.accounts.urls")),
    path("tjenester/", include("samspill.communities.urls")),
    path("deling/", include("samspill.care.urls")),
    path("mal/", include("samspill.goals.urls")),
    path("meldinger/", include("samspill.messaging.urls")),
    path("kommune/", include("samspill.administration.urls")),
    path("i18n/setlang/", public(set_language), name="set_language"),
]

handler400 = "samspill.core.errors.bad_request"
handler403 = "samspill.core.errors.permission_denied"
handler404 = "samspill.core.errors.page_not_found"
handler500 = "samspill.core.errors.server_error"
