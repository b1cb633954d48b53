from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class RomanianFirstLocaleMiddleware:
    """Romanian unless the person chose another language with the switcher (its cookie).

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is ignored: a municipal
    office's English-language browser must not turn the public sector's interface English.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        patch_vary_headers(response, ("Cookie",))
        return response
