from django.urls import path

from samspill.accounts import views

app_name = "accounts"

urlpatterns = [
    path("logg-inn/", views.enter_password, name="login"),
    path("logg-inn/kode/", views.enter_code, name="login_code"),
    path("logg-inn/ny-app/", views.enrol_authenticator, name="login_enrol"),
    path("logg-ut/", views.log_out, name="logout"),
    path("aktiv/", views.keep_alive, name="keepalive"),
    path("vilkar/", views.accept_terms, name="terms"),
    path("sikkerhet/", views.show_security, name="security"),
    path("sikkerhet/passord/", views.change_password, name="change_password"),
    path("sikkerhet/okter/<int:pk>/avslutt/", views.end_session, name="end_session"),
    path(
        "sikkerhet/gjenopprettingskoder/",
        views.show_recovery_codes,
        name="recovery_codes",
    ),
    path(
        "sikkerhet/gjenopprettingskoder/nye/",
        views.renew_recovery_codes,
        name="renew_recovery_codes",
    ),
]
