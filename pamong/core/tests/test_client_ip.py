from __future__ import annotations

from django.test import RequestFactory, override_settings
from django.urls import reverse

from pamong.core.client_ip import client_ip


def test_without_proxies_the_socket_address_counts(rf: RequestFactory) -> None:
    request = rf.get(reverse("portal:front"), REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "203.0.113.9"


@override_settings(PAMONG_TRUSTED_PROXIES=1)
def test_behind_one_proxy_the_address_it_appended_counts(rf: RequestFactory) -> None:
    # The client wrote "1.2.3.4" itself; the proxy appended the real address.
    request = rf.get(reverse("portal:front"), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_ip(request) == "198.51.100.7"
    request = rf.get(reverse("portal:front"), REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == "127.0.0.1"
