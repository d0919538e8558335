"""Serve Camino from N Streamlit processes behind nginx, on the one port users already use.

One Python process runs some 25-30 reruns a second; a room of 30 families clicking needs more. Each
worker is `python -m ui.server` on a private loopback port; nginx (Debian's `nginx` package) listens on
the public port, passes websockets through, and keeps every browser on one worker: a Streamlit session
lives in one process (its state, its uploads, its downloads). The first answer sets a `camino_worker`
cookie holding a random id; nginx hashes that cookie to pick the worker, so people behind one office
router (one address) still spread over the workers. The cookie identifies nothing and no one.

Usage: python -m ui.workers --workers N [--port 8501] [--address 0.0.0.0] [streamlit run options...]
One worker is put behind nginx too when nginx is installed: nginx then serves the page shell from its
cache, so a room opening the link at once costs the worker 30 first runs, not 30 shells. Without nginx,
one worker is `python -m ui.server` itself.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COOKIE = "camino_worker"
NGINX_HINT = "WORKERS above 1 needs nginx: sudo apt-get install nginx"
SINGLE_HINT = (
    "Camino: one worker, no nginx in front (sudo apt-get install nginx to serve a workshop room faster)"
)
UNPRIVILEGED = "nobody"  # nginx's workers when it is started as root (with nobody's own group)

NGINX_CONF = """\
{user}worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    client_max_body_size 200m;
    # A websocket is passed through; any other request keeps its connection to the worker open.
    map $http_upgrade $connection_upgrade {{ default upgrade; '' ''; }}
    # Streamlit's page shell (/static/: some 60 scripts, styles and fonts, named by their content's hash) is
    # the same for everyone: nginx keeps one copy and serves it, so a room opening the link at once costs
    # the Python workers one fetch per file, not thirty. Packed with gzip for the office's Wi-Fi.
    proxy_cache_path {run}/cache levels=1:2 keys_zone=camino_static:10m max_size=200m inactive=7d use_temp_path=off;
    gzip on;
    gzip_comp_level 1;
    gzip_proxied any;
    gzip_types text/css application/javascript text/javascript application/json image/svg+xml;
    # Sticky sessions: a browser without the cookie gets a random one (this request's id), and is hashed
    # to a worker by it from then on; the page, its websocket and its uploads all reach the same worker.
    map $cookie_{cookie} $camino_route {{ "" $request_id; default $cookie_{cookie}; }}
    map $cookie_{cookie} $camino_set_cookie {{ "" "{cookie}=$request_id; Path=/; HttpOnly; SameSite=Lax"; default ""; }}
    upstream camino {{
        hash $camino_route consistent;
{servers}
        keepalive 32;
    }}
    server {{
        listen {listen};
        location / {{
            proxy_pass http://camino;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 1d;
            proxy_send_timeout 1d;
            proxy_buffering off;
            add_header Set-Cookie $camino_set_cookie always;
        }}
        location /static/ {{
            proxy_pass http://camino;
            proxy_http_version 1.1;
            proxy_set_header Connection '';
            proxy_set_header Host $http_host;
            proxy_cache camino_static;
            proxy_cache_valid 200 7d;
            proxy_cache_lock on;
            add_header X-Cache-Status $upstream_cache_status always;
        }}
    }}
}}
"""


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def nginx_conf(listen: str, worker_ports: list[int], run_dir: Path, as_root: bool = False) -> str:
    servers = "\n".join(f"        server 127.0.0.1:{port};" for port in worker_ports)
    user = f"user {UNPRIVILEGED} {unprivileged_group()};\n" if as_root else ""
    return NGINX_CONF.format(run=run_dir, cookie=COOKIE, servers=servers, listen=listen, user=user)


def unprivileged_group() -> str:
    import grp
    import pwd

    return grp.getgrgid(pwd.getpwnam(UNPRIVILEGED).pw_gid).gr_name


def prepare_run_dir(run_dir: Path) -> bool:
    """Started as root, nginx's workers run as nobody: let them reach the cache and write to it."""
    if os.geteuid() != 0:
        return False
    import pwd

    account = pwd.getpwnam(UNPRIVILEGED)
    uid, gid = account.pw_uid, account.pw_gid
    run_dir.chmod(0o755)
    for name in ("cache", "proxy", "body"):
        (run_dir / name).mkdir(exist_ok=True)
        os.chown(run_dir / name, uid, gid)
    return True


def free_ports(count: int) -> list[int]:
    from db.pgserver import free_port

    ports: list[int] = []
    while len(ports) < count:
        port = free_port()
        if port not in ports:
            ports.append(port)
    return ports


def wait_healthy(url: str, timeout: float = 90, procs: list[subprocess.Popen] = ()) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if any(p.poll() is not None for p in procs):
            raise RuntimeError("a worker exited while starting")
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


class Cluster:
    """N workers and the nginx in front of them; start() returns once the public port answers."""

    def __init__(
        self,
        workers: int,
        port: int,
        address: str = "127.0.0.1",
        extra: list[str] | None = None,
        env: dict | None = None,
        output=None,
        proxy: bool | None = None,
        root: Path = ROOT,
    ):
        """`proxy`: nginx in front of a single worker; None means whenever nginx is installed. `root`: the
        checkout the workers run (the bench's comparison serves an earlier version beside this one)."""
        self.workers, self.port, self.address, self.root = workers, port, address, root
        self.proxied = workers > 1 or (nginx_binary() is not None if proxy is None else proxy)
        self.extra, self.env, self.output = list(extra or []), env, output
        self.procs: list[subprocess.Popen] = []
        self.nginx: subprocess.Popen | None = None
        self.run_dir = Path(tempfile.mkdtemp(prefix="camino-nginx-"))
        self.worker_ports: list[int] = []

    def _server(self, port: int, address: str) -> subprocess.Popen:
        args = [
            sys.executable,
            "-m",
            "ui.server",
            f"--server.port={port}",
            f"--server.address={address}",
            "--server.headless=true",
            *self.extra,
        ]
        return subprocess.Popen(args, cwd=self.root, env=self.env, stdout=self.output, stderr=self.output)

    def start(self) -> None:
        if not self.proxied:
            self.procs.append(self._server(self.port, self.address))
        else:
            binary = nginx_binary()
            if binary is None:
                raise RuntimeError(NGINX_HINT)
            self.worker_ports = free_ports(self.workers)
            self.procs = [self._server(port, "127.0.0.1") for port in self.worker_ports]
            listen = f"{self.address}:{self.port}" if self.address not in ("", "0.0.0.0") else str(self.port)
            conf = self.run_dir / "nginx.conf"
            as_root = prepare_run_dir(self.run_dir)
            conf.write_text(nginx_conf(listen, self.worker_ports, self.run_dir, as_root))
            self.nginx = subprocess.Popen(
                [
                    binary,
                    "-p",
                    str(self.run_dir),
                    "-c",
                    str(conf),
                    "-e",
                    str(self.run_dir / "error.log"),
                    "-g",
                    "daemon off;",
                ],
                stdout=self.output,
                stderr=self.output,
            )
        host = "127.0.0.1" if self.address in ("", "0.0.0.0") else self.address
        for port in self.worker_ports:
            wait_healthy(f"http://127.0.0.1:{port}", procs=self.procs)
        wait_healthy(f"http://{host}:{self.port}", procs=self.procs + ([self.nginx] if self.nginx else []))

    def pids(self) -> list[int]:
        """The Streamlit processes (not nginx): what serves the reruns."""
        return [p.pid for p in self.procs]

    def alive(self) -> bool:
        return all(p.poll() is None for p in self.procs + ([self.nginx] if self.nginx else []))

    def stop(self) -> None:
        for proc in ([self.nginx] if self.nginx else []) + self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in ([self.nginx] if self.nginx else []) + self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(self.run_dir, ignore_errors=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.workers")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--address", default="0.0.0.0", help="where nginx listens (workers stay on loopback)")
    args, extra = parser.parse_known_args(argv)
    if nginx_binary() is None:
        if args.workers > 1:
            print(NGINX_HINT, file=sys.stderr)
            return 2
        print(SINGLE_HINT, file=sys.stderr, flush=True)
        from ui import server

        server.main([f"--server.port={args.port}", f"--server.address={args.address}", *extra])
        return 0
    cluster = Cluster(args.workers, args.port, args.address, extra)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        cluster.start()
        served = f"{args.workers} workers" if args.workers > 1 else "1 worker"
        print(f"Camino: {served} behind nginx on http://localhost:{args.port}", flush=True)
        while cluster.alive():
            time.sleep(1)
        print("a worker or nginx stopped; stopping the others", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
