"""Every task of the course: build, serve, check, tests, lint, linkcheck, bench.

On a fresh machine run these through `.ci/nox` (it makes a virtualenv with the
pinned nox first): `.ci/nox -s build`, `.ci/nox -s tests`.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import nox

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
SITE = ROOT / "site"
DIST = ROOT / "dist"
# The LMS packages `nox -s package` writes, as dist/<slug>-<format>.zip.
PACKAGE_FORMATS = ("scorm12", "scorm2004", "cmi5")
# Command -> the Debian packages that provide it.
DEBIAN_PACKAGES = {
    # libatomic1: what the Node.js inside Playwright needs, absent from a minimal Debian.
    "chromium": ["chromium", "libatomic1"],
    "ffmpeg": ["ffmpeg"],
    "espeak-ng": ["espeak-ng"],
    "npm": ["nodejs", "npm"],
    "java": ["default-jre-headless"],
}

nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["lint", "tests"]


def install(session: nox.Session, *groups: str) -> None:
    # Material's end-of-life banner is printed on every build; ProperDocs is our plan for it.
    session.env["NO_MKDOCS_2_WARNING"] = "1"
    pins = ("--constraint", str(ROOT / ".ci" / "constraints.txt"))
    session.install(*pins, "-e", ".")
    for group in groups:
        session.install(*pins, *nox.project.dependency_groups(PYPROJECT, group))


def ensure_debian_packages(session: nox.Session, *commands: str) -> None:
    """Install missing system tools from Debian when we may (root on Debian), else say how."""
    missing = [pkg for c in commands if shutil.which(c) is None for pkg in DEBIAN_PACKAGES[c]]
    if not missing:
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        session.error(
            f"please install {' '.join(missing)} (Debian: apt-get install {' '.join(missing)})"
        )
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    session.run("apt-get", "update", "-qq", external=True, env=env)
    session.run(
        "apt-get",
        "install",
        "-y",
        "-qq",
        "--no-install-recommends",
        *missing,
        "fonts-dejavu-core",
        external=True,
        env=env,
    )


def ensure_node_packages(session: nox.Session) -> None:
    """The pinned npm packages of package-lock.json in node_modules/ (npm ci when it changed)."""
    ensure_debian_packages(session, "npm")
    installed = ROOT / "node_modules" / ".package-lock.json"
    lock = ROOT / "package-lock.json"
    if installed.is_file() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    session.run(
        "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", external=True, silent=True
    )


LIGHTHOUSE_VERSION = "12.8.2"  # the last release that runs on Debian 12's Node 18


def ensure_lighthouse(session: nox.Session) -> None:
    """Lighthouse in .nox/lighthouse/, for the bench only; its path in $LIGHTHOUSE.

    Not in package.json: it depends on 'latest' of two packages, which a lock file
    cannot hold (npm ci refuses the lock as soon as either publishes a release).
    """
    ensure_debian_packages(session, "npm", "chromium")
    prefix = ROOT / ".nox" / "lighthouse"
    command = prefix / "node_modules" / ".bin" / "lighthouse"
    if not command.exists():
        session.run(
            "npm",
            "install",
            "--prefix",
            str(prefix),
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            f"lighthouse@{LIGHTHOUSE_VERSION}",
            external=True,
            silent=True,
        )
    session.env["LIGHTHOUSE"] = str(command)
    session.env.setdefault("CHROME_PATH", shutil.which("chromium") or "/usr/bin/chromium")


def build_site(session: nox.Session, destination: Path, *args: str, tool: str = "mkdocs") -> None:
    """A strict build, swapped into `destination` only if it succeeds."""
    session.run(
        "python", "-m", "microcourse.cli.safe_build", "--tool", tool, str(destination), *args
    )


@nox.session
def build(session: nox.Session) -> None:
    """Build the course strictly into site/ (a failed build leaves the old site/ as it was)."""
    install(session)
    build_site(session, SITE, *session.posargs)
    session.log(f"built {SITE}; deploy that folder to any static host")


@nox.session(default=False)
def serve(session: nox.Session) -> None:
    """Preview with live reload (lessons, quizzes and media) at http://127.0.0.1:8000/."""
    install(session)
    session.run("python", "-m", "microcourse.cli.preview", *session.posargs)


@nox.session
def check(session: nox.Session) -> None:
    """Check every lesson and quiz without building, as fast as a save."""
    install(session)
    session.run("course-check", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite: engine, real builds, linkchecker, and Debian chromium."""
    ensure_debian_packages(session, "chromium", "java")
    ensure_node_packages(session)
    install(session, "test", "linkcheck")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff and mypy (strict) over the plugin, tests and this file."""
    install(session, "lint", "test")
    session.run("ruff", "check", "plugins", "tests", "noxfile.py")
    session.run("ruff", "format", "--check", "plugins", "tests", "noxfile.py")
    session.run("mypy")


@nox.session
def linkcheck(session: nox.Session) -> None:
    """Serve a fresh build on loopback under a sub-path and check every internal link."""
    install(session, "linkcheck")
    session.run("python", "-m", "tests.support.linkcheck", *session.posargs)


@nox.session
def properdocs(session: nox.Session) -> None:
    """Build the same course with ProperDocs, the maintained fork of MkDocs 1.6."""
    install(session, "properdocs")
    destination = Path(session.create_tmp()) / "properdocs-site"
    build_site(session, destination, "--config-file", "mkdocs.yml", tool="properdocs")


@nox.session(default=False)
def package(session: nox.Session) -> None:
    """Build the course and package it for an LMS: dist/<slug>-scorm12.zip, -scorm2004.zip, -cmi5.zip.

    `nox -s package -- --role sales` makes packages that start learners on that role's path.
    """
    install(session)
    # Pages that link to files, not folders: not every LMS serves a folder's index.html.
    site = Path(session.create_tmp()) / "package-site"
    build_site(session, site, "--no-directory-urls")
    for name in PACKAGE_FORMATS:
        # A folder as the target: the package is named <slug>-<format>.zip in it.
        session.run(
            "python", "-m", "microcourse.package", "--format", name, *session.posargs,
            str(site), f"{DIST}/",
        )  # fmt: skip


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Time the plugin against plain Material and weigh what learners download."""
    ensure_lighthouse(session)
    install(session)
    session.run("python", "-m", "tests.support.bench", *session.posargs)
    # The cmi5 runtime's weight, and what one learner sends to a real LRS (chromium, Ralph).
    ensure_debian_packages(session, "chromium")
    ensure_node_packages(session)
    install(session, "test")
    session.run("python", "-m", "tests.support.cmi5_bench")


@nox.session(default=False)
def videos(session: nox.Session) -> None:
    """Remake the narrated, captioned sample videos from content/media/videos/scripts.yml."""
    ensure_debian_packages(session, "ffmpeg", "espeak-ng")
    install(session)
    session.run("python", "-m", "microcourse.media.narrated_video", *session.posargs)


if __name__ == "__main__":
    sys.exit("run me with nox (see README.md)")
