#!/usr/bin/env python3
# test-manifest.py MANIFEST SOURCE_ROOT — the Flatpak manifest's structure, beyond being JSON:
# the app id and command match what meson installs, the runtime has libadwaita >= 1.2, every git
# source is pinned by a full commit and its tag, and the sandbox asks for nothing it does not use.
# TAP output for meson. SPDX-License-Identifier: GPL-3.0-or-later
import json
import re
import sys

manifest_path, root = sys.argv[1], sys.argv[2]
results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


with open(manifest_path, encoding="utf-8") as f:
    m = json.load(f)

app_id = "org.usga.Dashboard"
check("app-id is " + app_id, m.get("app-id") == app_id, m.get("app-id"))
with open(f"{root}/data/org.usga.Dashboard.metainfo.xml.in", encoding="utf-8") as f:
    check("the metainfo's id is the app-id", f"<id>{m.get('app-id')}</id>" in f.read())
with open(f"{root}/data/org.usga.Dashboard.desktop.in", encoding="utf-8") as f:
    desktop = f.read()
    check("the desktop file runs the manifest's command",
          re.search(r"^Exec=" + re.escape(str(m.get("command"))) + r"(\s|$)", desktop, re.M),
          m.get("command"))
with open(f"{root}/src/gui/meson.build", encoding="utf-8") as f:
    check("command is the GUI executable meson installs",
          re.search(r"executable\('" + re.escape(str(m.get("command"))) + "'", f.read()), m.get("command"))

# libadwaita 1.2 came with GNOME 43; the runtime and SDK must be a GNOME pair at least that new.
check("runtime is org.gnome.Platform", m.get("runtime") == "org.gnome.Platform", m.get("runtime"))
check("sdk is org.gnome.Sdk", m.get("sdk") == "org.gnome.Sdk", m.get("sdk"))
version = str(m.get("runtime-version", ""))
check("runtime-version is a GNOME release with libadwaita >= 1.2 (43 or later)",
      re.fullmatch(r"\d+", version) and int(version) >= 43, version)

modules = m.get("modules")
check("modules is a non-empty list", isinstance(modules, list) and modules)
modules = modules if isinstance(modules, list) else []
git_sources = 0
for mod in modules:
    name = mod.get("name") if isinstance(mod, dict) else None
    check(f"module {name}: has a name and a known build system",
          name and mod.get("buildsystem") in ("meson", "cmake", "cmake-ninja", "autotools", "simple"))
    sources = mod.get("sources") if isinstance(mod, dict) else None
    check(f"module {name}: has sources", isinstance(sources, list) and sources)
    for src in sources or []:
        if src.get("type") == "git":
            git_sources += 1
            check(f"module {name}: git url is https", str(src.get("url", "")).startswith("https://"), src.get("url"))
            check(f"module {name}: git commit is a full 40-hex id",
                  re.fullmatch(r"[0-9a-f]{40}", str(src.get("commit", ""))), src.get("commit"))
            check(f"module {name}: git tag named beside the commit", src.get("tag"), src.get("tag"))
        elif src.get("type") in ("archive", "file"):
            check(f"module {name}: {src.get('type')} has a sha256",
                  re.fullmatch(r"[0-9a-f]{64}", str(src.get("sha256", ""))))
check("libshumate is built (Debian 12's 1.0 API) from a pinned git source",
      any(mod.get("name") == "libshumate" for mod in modules) and git_sources >= 1)
last = modules[-1] if modules else {}
check("the app is the last module, built with meson from this folder",
      last.get("name") == "usga-dashboard" and last.get("buildsystem") == "meson" and
      any(s.get("type") == "dir" and s.get("path") == "." for s in last.get("sources", [])))

# The app needs the network (portal, tiles), a display and GL; nothing else of the host.
allowed = {"--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
           "--device=dri"}
finish = m.get("finish-args", [])
check("finish-args is a list", isinstance(finish, list))
for arg in finish:
    check(f"finish-arg {arg} is one the app needs", arg in allowed, arg)
for needed in ("--share=network", "--socket=wayland", "--socket=fallback-x11"):
    check(f"finish-args include {needed}", needed in finish)
check("cleanup is a list of paths or globs",
      isinstance(m.get("cleanup", []), list) and all(isinstance(c, str) for c in m.get("cleanup", [])))

for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}" + ("" if ok or detail in (None, "") else f" (got {detail!r})"))
print(f"1..{len(results)}")
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
