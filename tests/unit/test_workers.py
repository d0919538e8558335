"""The nginx configuration behind `make run WORKERS=N`: every worker, websockets, sticky by cookie."""

from __future__ import annotations

from pathlib import Path

import pytest

import ui.workers as ui_workers
from ui.workers import COOKIE, Cluster, nginx_conf


def test_conf_lists_every_worker_and_keeps_sessions_sticky():
    conf = nginx_conf("8501", [41001, 41002, 41003], Path("/tmp/run"))
    assert [line.strip() for line in conf.splitlines() if line.strip().startswith("server 127")] == [
        "server 127.0.0.1:41001;",
        "server 127.0.0.1:41002;",
        "server 127.0.0.1:41003;",
    ]
    assert "listen 8501;" in conf
    assert "hash $camino_route consistent;" in conf and f"$cookie_{COOKIE}" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "proxy_set_header Connection $connection_upgrade;" in conf
    assert "pid /tmp/run/nginx.pid;" in conf
    assert "user " not in conf  # started by a normal user, nginx's workers stay that user


def test_conf_caches_the_page_shell_and_keeps_worker_connections_open():
    conf = nginx_conf("8501", [41001, 41002], Path("/tmp/run"))
    shell = conf[conf.index("location /static/") :]
    assert "proxy_cache camino_static;" in shell and "proxy_cache_lock on;" in shell
    assert "keys_zone=camino_static" in conf and "/tmp/run/cache" in conf
    assert "keepalive 32;" in conf
    assert "gzip on;" in conf and "application/javascript" in conf


def test_conf_started_as_root_gives_the_workers_an_unprivileged_user():
    conf = nginx_conf("8501", [41001], Path("/tmp/run"), as_root=True)
    assert conf.startswith("user nobody ")


@pytest.mark.parametrize(
    "workers, nginx, proxy, proxied",
    [
        (1, "/usr/sbin/nginx", None, True),  # make run: one worker behind nginx where it is installed
        (1, None, None, False),  # no nginx: the worker serves directly
        (1, "/usr/sbin/nginx", False, False),
        (2, "/usr/sbin/nginx", None, True),
    ],
)
def test_one_worker_goes_behind_nginx_where_it_is_installed(monkeypatch, workers, nginx, proxy, proxied):
    monkeypatch.setattr(ui_workers, "nginx_binary", lambda: nginx)
    cluster = Cluster(workers, 8501, proxy=proxy)
    try:
        assert cluster.proxied is proxied
    finally:
        cluster.stop()


def test_several_workers_without_nginx_say_what_to_install(monkeypatch, capsys):
    monkeypatch.setattr(ui_workers, "nginx_binary", lambda: None)
    assert ui_workers.main(["--workers", "2", "--port", "8599"]) == 2
    assert "apt-get install nginx" in capsys.readouterr().err
