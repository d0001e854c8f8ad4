"""How API calls are signed in: allauth's headless session token (its own DRF class,
made strict), kept apart from the views because DRF imports it while loading."""

from allauth.headless.contrib.rest_framework.authentication import XSessionTokenAuthentication
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions


class SessionTokenAuthentication(XSessionTokenAuthentication):
    """allauth's X-Session-Token, where a token that names no live session (expired,
    signed out or forged) is a 401 rather than an anonymous caller."""

    def authenticate(self, request):
        token = self.get_session_token(request)
        if not token:
            return None
        found = super().authenticate(request)
        if found is None:
            raise exceptions.AuthenticationFailed("Your session has ended; please sign in again.")
        return found

    def authenticate_header(self, request):
        return "X-Session-Token"


class SessionTokenScheme(OpenApiAuthenticationExtension):
    target_class = SessionTokenAuthentication
    name = "SessionToken"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "X-Session-Token"}
