#!/usr/bin/python3
"""The lab's web server: a small HTTP/1.1 site with the pages the scenarios need.

Routes: / and /index.html (200), /chunked (chunked body), /admin/ (HTTP Basic, see --basic),
POST anywhere (200 echoing the body length), /announce (a BitTorrent tracker reply),
/debian/... (apt-like repository files), /files/... (downloads); anything else is 404.
It stops by itself after --lifetime seconds.
"""
import argparse
import base64
import http.server
import ssl
import threading

PAGE = b"<!doctype html><html><head><title>Lab Shop</title></head><body><h1>Lab Shop</h1>" \
       b"<p>Welcome to the lab web server.</p></body></html>\n"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "LabHTTPd/1.0"
    basic = None

    def log_message(self, fmt, *args):
        pass

    def _send(self, status, body, content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path in ("/", "/index.html"):
            self._send(200, PAGE)
        elif path == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (b"first chunk\n", b"second chunk\n", b"last chunk\n"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        elif path == "/admin" or path.startswith("/admin/"):
            expected = "Basic " + base64.b64encode(Handler.basic.encode()).decode() if Handler.basic else None
            if expected and self.headers.get("Authorization") == expected:
                self._send(200, b"<html><body>admin console</body></html>\n")
            else:
                self._send(401, b"<html><body>401 Unauthorized</body></html>\n",
                           headers=[("WWW-Authenticate", 'Basic realm="Lab Admin"')])
        elif path == "/announce":
            self._send(200, b"d8:completei1e10:incompletei0e8:intervali1800e5:peers0:e", "text/plain")
        elif path.startswith("/debian/"):
            self._send(200, b"Origin: Lab\nSuite: stable\n" + b"x" * 2048, "application/octet-stream")
        elif path.startswith("/files/"):
            self._send(200, b"%PDF-1.4\n" + b"0" * 8192, "application/pdf")
        else:
            self._send(404, b"<html><body>404 Not Found</body></html>\n")

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0") or 0)
        body = self.rfile.read(length) if length else b""
        self._send(200, b'{"ok":true,"received":%d}' % len(body), "application/json")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bind", required=True)
    parser.add_argument("--port", type=int, default=80)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--basic", help="user:password accepted on /admin/")
    parser.add_argument("--lifetime", type=float, default=120)
    args = parser.parse_args()
    Handler.basic = args.basic
    family = http.server.ThreadingHTTPServer
    if ":" in args.bind:
        import socket
        class V6(http.server.ThreadingHTTPServer):
            address_family = socket.AF_INET6
        family = V6
    server = family((args.bind, args.port), Handler)
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
        context.set_alpn_protocols(["http/1.1"])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
