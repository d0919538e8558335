"""The nginx configuration behind `make run WORKERS=N`: every worker, websockets, sticky by cookie."""

from __future__ import annotations

from pathlib import Path

from ui.workers import COOKIE, nginx_conf


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
