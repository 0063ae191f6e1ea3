#!/usr/bin/env python3
# Loads every web UI page of a running `tracestock serve` (signed in as an admin) so the server's
# access log (`duration_us`) gives the server time per page. Not part of CI (no timed assertions).
#   tracestock demo --db demo.sqlite; printf "admin-password-1\n" | tracestock user create boss --role admin --password-stdin --db demo.sqlite
#   tracestock serve --db demo.sqlite --port 18765 > server.log 2>&1 &
#   scripts/web-page-times.py http://127.0.0.1:18765 EB-100:L2025-11 VIT-C:B7781   # then read duration_us in server.log
import http.cookiejar, re, sys, urllib.parse, urllib.request
base = sys.argv[1]
jar = http.cookiejar.CookieJar()
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *a, **k): return None
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
def get(path):
    try: return opener.open(base + path).read().decode()
    except urllib.error.HTTPError as e: return e.read().decode()
def post(path, fields):
    try: return opener.open(base + path, urllib.parse.urlencode(fields).encode()).read().decode()
    except urllib.error.HTTPError as e: return e.read().decode()
page = get("/login")
csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
post("/login", {"csrf": csrf, "name": "boss", "password": "admin-password-1", "next": "/"})
paths = ["/", "/skus/EB-100", "/skus/VIT-C", "/units/EB-100/EB000042", "/scan", "/returns", "/reorder", "/ageing", "/verify",
         "/reorder?sort=daysOfCover&dir=asc", "/ageing?sort=quantity&dir=desc"]
for _ in range(3):
    for p in paths: get(p)
page = get("/recall")
csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
for lot in sys.argv[2:]:
    for _ in range(5):
        get("/recall?" + urllib.parse.urlencode({"sku": lot.split(":")[0], "lots": lot.split(":")[1]}))
print("done")
