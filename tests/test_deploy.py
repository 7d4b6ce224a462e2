"""`sitegen deploy` against real servers started here: moto's S3 server, a bare git repository, a folder.

One project is built twice: as written, then with one article edited and another deleted. The
changes a deploy must make are worked out here from the two builds' file trees alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

from conftest import MINIMAL_SITE_YAML, MakeSite, run_sitegen

MARKER = ".sitegen-output"
ARTICLE = "---\ntitle: {title}\ndate: 2025-0{month}-02\ncategory: {category}\ntags: [sleep]\n---\n{body}\n"
AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_CONFIG_FILE": "/nonexistent/aws-config",
    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/aws-credentials",
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_MAX_ATTEMPTS": "1",
}


def tree(folder: Path) -> dict[str, str]:
    """Each published file (the output marker aside) with the MD5 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.md5(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


@dataclass
class Project:
    root: Path
    first: Path
    second: Path

    def use(self, version: Path) -> None:
        """Put one of the two builds in output/, as the build itself left it."""
        shutil.rmtree(self.root / "output")
        shutil.copytree(version, self.root / "output", symlinks=True)

    def targets(self, *targets: tuple[str, str]) -> None:
        lines = "".join(f"  - name: {name}\n    url: {url}\n" for name, url in targets)
        (self.root / "site.yaml").write_text(MINIMAL_SITE_YAML + "deploy:\n" + lines, encoding="utf-8")

    def deploy(self, *args: str) -> Any:
        return run_sitegen("deploy", *args, cwd=self.root, env=AWS_ENV)

    @property
    def uploads(self) -> set[str]:
        """What the second deploy must upload: every file of the second build not in the first as it is."""
        old, new = tree(self.first), tree(self.second)
        return {path for path, digest in new.items() if old.get(path) != digest}

    @property
    def deletions(self) -> set[str]:
        return set(tree(self.first)) - set(tree(self.second))


def write(root: Path, relative: str, text: str) -> None:
    (root / relative).parent.mkdir(parents=True, exist_ok=True)
    (root / relative).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("deploy") / "site"
    root.mkdir()
    (root / "site.yaml").write_text(MINIMAL_SITE_YAML, encoding="utf-8")
    articles = {
        "calm": ("Finding calm", 1, "Anxiety"),
        "rest": ("Rest without guilt", 2, "Anxiety"),
        "talk": ("Talking it through", 3, "Relationships"),
        "walk": ("A slow walk", 4, "Relationships"),
    }
    for slug, (title, month, category) in articles.items():
        text = ARTICLE.format(title=title, month=month, category=category, body="Hi.")
        write(root, f"content/articles/{slug}.md", text)
    assert (built := run_sitegen("build", "-q", cwd=root)).code == 0, built.err
    first = shutil.copytree(root / "output", root.parent / "first")
    edited = ARTICLE.format(title="Finding calm", month=1, category="Anxiety", body="New.")
    write(root, "content/articles/calm.md", edited)
    (root / "content/articles/walk.md").unlink()
    assert (built := run_sitegen("build", "-q", cwd=root)).code == 0, built.err
    second = shutil.copytree(root / "output", root.parent / "second")
    return Project(root, Path(first), Path(second))


def test_the_two_builds_differ_by_one_page_its_listings_and_one_removed_page(project: Project) -> None:
    assert "articles/calm/index.html" in project.uploads
    assert "articles/walk/index.html" in project.deletions
    assert project.deletions <= set(tree(project.first))
    # The search index moves whole to a folder named for its new bytes; the rest changes little.
    sides = (project.first, project.second)
    old_index, new_index = ({p for p in tree(side) if p.startswith("pagefind/")} for side in sides)
    assert old_index <= project.deletions and new_index <= project.uploads and not old_index & new_index
    pages = {p for p in tree(project.second) if not p.startswith("pagefind/")}
    assert len(project.uploads - new_index) < len(pages) / 2


# --- a folder -----------------------------------------------------------------------------------

DEPLOY_MARK = ".sitegen-deploy"


def folder_tree(folder: Path) -> dict[str, str]:
    """The site in a deployed folder, without the mark deploy leaves there (which must be there)."""
    found = tree(folder)
    assert found.pop(DEPLOY_MARK, None) is not None
    return found


def test_a_folder_gets_the_site_then_only_the_changes(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "www"
    project.targets(("live", f"file://{folder}"))
    project.use(project.first)
    first = project.deploy()
    assert first.code == 0, first.err
    assert folder_tree(folder) == tree(project.first)
    assert f"{len(tree(project.first))} uploaded" in first.out and "0 deleted" in first.out
    assert not (folder / MARKER).exists()

    project.use(project.second)
    before = folder_tree(folder)
    dry = project.deploy("--dry-run")
    assert dry.code == 0, dry.err
    assert folder_tree(folder) == before
    assert changes(dry.out, "would upload") == project.uploads
    assert changes(dry.out, "would delete") == project.deletions

    same = set(folder_tree(folder)) - project.uploads - project.deletions
    untouched = {p: (folder / p).stat().st_ino for p in same}
    second = project.deploy()
    assert second.code == 0, second.err
    assert changes(second.out, "upload") == project.uploads
    assert changes(second.out, "delete") == project.deletions
    assert folder_tree(folder) == tree(project.second)
    assert {p: (folder / p).stat().st_ino for p in untouched} == untouched  # linked over, never rewritten
    assert not list(tmp_path.glob(".www*")), "no staging folder is left beside it"


def test_a_folder_keeps_removed_pages_with_no_delete(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "www"
    project.targets(("live", f"file://{folder}"))
    project.use(project.first)
    assert project.deploy().code == 0
    project.use(project.second)
    kept = project.deploy("--no-delete")
    assert kept.code == 0, kept.err
    assert changes(kept.out, "delete") == set()
    assert set(folder_tree(folder)) == set(tree(project.second)) | project.deletions


def test_a_folder_of_someone_elses_files_is_refused(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("mine", encoding="utf-8")
    project.targets(("live", f"file://{folder}"))
    project.use(project.first)
    refused = project.deploy()
    assert refused.code == 1
    assert "holds files sitegen did not put there" in refused.err
    assert [p.name for p in folder.iterdir()] == ["letter.txt"]


# --- S3 -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def moto() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def s3(endpoint: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def bucket_tree(endpoint: str, bucket: str, prefix: str) -> dict[str, str]:
    listed = s3(endpoint).list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])
    return {item["Key"][len(prefix) :]: item["ETag"].strip('"') for item in listed}


def test_a_bucket_gets_the_site_then_only_the_changes_and_nothing_beside_its_prefix(
    project: Project, moto: str
) -> None:
    client = s3(moto)
    client.create_bucket(Bucket="practice")
    client.put_object(Bucket="practice", Key="site-old/index.html", Body=b"someone else's")
    client.put_object(Bucket="practice", Key="site.html", Body=b"beside the prefix")
    project.targets(("live", f"s3://practice/site?endpoint={moto}&region=us-east-1"))
    project.use(project.first)
    first = project.deploy()
    assert first.code == 0, first.err
    assert bucket_tree(moto, "practice", "site/") == tree(project.first)

    page = client.head_object(Bucket="practice", Key="site/articles/calm/index.html")
    assert page["ContentType"] == "text/html; charset=utf-8"
    assert page["CacheControl"] == "public, max-age=0, must-revalidate"
    css = next(p for p in tree(project.first) if p.endswith(".css"))
    assert client.head_object(Bucket="practice", Key=f"site/{css}")["ContentType"] == "text/css; charset=utf-8"

    project.use(project.second)
    dry = project.deploy("--dry-run")
    assert dry.code == 0, dry.err
    assert bucket_tree(moto, "practice", "site/") == tree(project.first)
    assert changes(dry.out, "would upload") == project.uploads

    second = project.deploy()
    assert second.code == 0, second.err
    assert changes(second.out, "upload") == project.uploads
    assert changes(second.out, "delete") == project.deletions
    assert bucket_tree(moto, "practice", "site/") == tree(project.second)
    assert set(bucket_tree(moto, "practice", "")) - {f"site/{p}" for p in tree(project.second)} == {
        "site-old/index.html",
        "site.html",
    }


class PutLimit(http.server.BaseHTTPRequestHandler):
    """Forwards requests to moto; the PUT after the allowed number finds the server gone."""

    protocol_version = "HTTP/1.1"
    upstream: tuple[str, int]
    allowed: int
    counted: list[int]
    stopped: threading.Event

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.forward()

    def do_POST(self) -> None:
        self.forward()

    def do_HEAD(self) -> None:
        self.forward()

    def do_DELETE(self) -> None:
        self.forward()

    def do_PUT(self) -> None:
        self.counted.append(1)
        if len(self.counted) > self.allowed:
            self.close_connection = True
            self.stopped.set()  # the server is stopped: this request gets no answer
            return
        self.forward()

    def forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        connection = http.client.HTTPConnection(*self.upstream, timeout=30)
        connection.request(self.command, self.path, body=body, headers=dict(self.headers))
        answer = connection.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        connection.close()


@contextlib.contextmanager
def proxy_stopping_after(endpoint: str, puts: int) -> Iterator[str]:
    host, port = endpoint.removeprefix("http://").split(":")
    stopped = threading.Event()
    handler = type("Limited", (PutLimit,), {"upstream": (host, int(port)), "allowed": puts, "counted": []})
    handler.stopped = stopped
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop_when_told() -> None:
        stopped.wait()
        server.shutdown()
        server.server_close()

    stopper = threading.Thread(target=stop_when_told, daemon=True)
    stopper.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        stopped.set()
        stopper.join(timeout=30)
        thread.join(timeout=30)


def test_a_bucket_that_goes_away_part_way_fails_naming_the_file_and_a_second_deploy_completes_it(
    project: Project, moto: str
) -> None:
    s3(moto).create_bucket(Bucket="halfway")
    project.use(project.first)
    with proxy_stopping_after(moto, puts=3) as proxy:
        project.targets(("live", f"s3://halfway/site?endpoint={proxy}&region=us-east-1"))
        failed = project.deploy()
    assert failed.code == 1
    there = bucket_tree(moto, "halfway", "site/")
    assert len(there) == 3
    named = failed.err.split("could not upload ", 1)[1].split(" ", 1)[0]
    assert named in tree(project.first) and named not in there, failed.err
    assert "Traceback" not in failed.err

    project.targets(("live", f"s3://halfway/site?endpoint={moto}&region=us-east-1"))
    again = project.deploy()
    assert again.code == 0, again.err
    assert changes(again.out, "upload") == set(tree(project.first)) - set(there)
    assert bucket_tree(moto, "halfway", "site/") == tree(project.first)


# --- a git branch -------------------------------------------------------------------------------


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=120)
    return done.stdout


def branch_tree(bare: Path, branch: str, into: Path) -> dict[str, str]:
    git("clone", "--quiet", "--branch", branch, str(bare), str(into), cwd=bare.parent)
    found = tree(into)
    return {path: digest for path, digest in found.items() if not path.startswith(".git/")}


def test_a_git_branch_gets_the_site_with_nojekyll_and_cname_then_only_the_changes(
    project: Project, tmp_path: Path
) -> None:
    bare = tmp_path / "pages.git"
    git("init", "--quiet", "--bare", str(bare), cwd=tmp_path)
    project.targets(("pages", f"git+file://{bare}#gh-pages"))
    project.use(project.first)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")  # where the build's seal is kept
    isolated = {"HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1", "XDG_CACHE_HOME": cache}  # no git identity
    first = run_sitegen("deploy", cwd=project.root, env=isolated)
    assert first.code == 0, first.err
    published = branch_tree(bare, "gh-pages", tmp_path / "one")
    assert (tmp_path / "one/CNAME").read_text(encoding="utf-8") == "example.org\n"
    assert (tmp_path / "one/.nojekyll").read_bytes() == b""
    assert {p: d for p, d in published.items() if p not in ("CNAME", ".nojekyll")} == tree(project.first)

    project.use(project.second)
    dry = run_sitegen("deploy", "--dry-run", cwd=project.root, env=isolated)
    assert dry.code == 0, dry.err
    assert git("rev-list", "--count", "gh-pages", cwd=bare).strip() == "1"

    second = run_sitegen("deploy", cwd=project.root, env=isolated)
    assert second.code == 0, second.err
    assert changes(second.out, "upload") == project.uploads
    assert changes(second.out, "delete") == project.deletions
    published = branch_tree(bare, "gh-pages", tmp_path / "two")
    assert {p: d for p, d in published.items() if p not in ("CNAME", ".nojekyll")} == tree(project.second)
    shown = git("show", "--stat", "--format=", "gh-pages", cwd=bare)
    assert "articles/walk/index.html" in shown


# --- refusals -----------------------------------------------------------------------------------


def test_deploy_refuses_without_a_build_or_after_a_failed_one(make_site: MakeSite, tmp_path: Path) -> None:
    folder = tmp_path / "www"
    yaml = MINIMAL_SITE_YAML + f"deploy:\n  - name: live\n    url: file://{folder}\n"
    article = ARTICLE.format(title="A", month=1, category="Anxiety", body="Hi.")
    root = make_site({"content/articles/a.md": article}, yaml)
    missing = run_sitegen("deploy", cwd=root)
    assert missing.code == 1 and "there is no built site in output/ to deploy (run sitegen build first)" in missing.err

    assert run_sitegen("build", "-q", cwd=root).code == 0
    write(root, "content/articles/broken.md", "---\ntitle: Broken\n---\nNo date, no category.\n")
    assert run_sitegen("build", "-q", cwd=root).code == 1
    refused = run_sitegen("deploy", cwd=root)
    assert refused.code == 1
    assert "the last build failed" in refused.err and "run sitegen build first" in refused.err
    assert not folder.exists()

    (root / "content/articles/broken.md").unlink()
    assert run_sitegen("build", "-q", cwd=root).code == 0  # nothing changed since the good build: still on record
    assert run_sitegen("deploy", cwd=root).code == 0
    assert (folder / "articles/a/index.html").is_file()


def test_a_secret_in_the_deploy_settings_is_refused_at_its_line(project: Project) -> None:
    (project.root / "site.yaml").write_text(
        MINIMAL_SITE_YAML + "deploy:\n  - name: live\n    url: s3://b/site\n    aws_secret_access_key: abc\n"
        "  - name: pages\n    url: git+https://me:hunter2@example.org/site.git#gh-pages\n",
        encoding="utf-8",
    )
    refused = project.deploy("--dry-run")
    assert refused.code == 1
    assert "site.yaml:12: 'aws_secret_access_key' looks like a secret" in refused.err
    assert "site.yaml:14: the repository address holds a password" in refused.err
    assert "hunter2" not in refused.err


def test_sitegen_workflow_writes_a_workflow_that_builds_on_push_and_daily(tmp_path: Path) -> None:
    import yaml

    written = run_sitegen("workflow", cwd=tmp_path)
    assert written.code == 0, written.err
    path = tmp_path / ".github/workflows/publish.yml"
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key 'on' as true
    assert "push" in triggers and triggers["schedule"][0]["cron"]
    steps = [step.get("run", "") for step in workflow["jobs"]["publish"]["steps"]]
    assert steps.index("sitegen build") < steps.index("sitegen deploy --if-configured")

    path.write_text("mine\n", encoding="utf-8")
    again = run_sitegen("workflow", cwd=tmp_path)
    assert again.code == 1 and "already there" in again.err
    assert path.read_text(encoding="utf-8") == "mine\n"


def _setup_step(workflow: dict[str, Any]) -> str:
    return next(step["run"] for step in workflow["jobs"]["publish"]["steps"] if step.get("id") == "setup")


@pytest.mark.parametrize(
    ("package", "own_repository", "ready"),
    [("", False, "false"), ("git+https://example.org/sitegen.git", False, "true"), ("", True, "true")],
)
def test_the_workflow_of_a_site_not_set_up_yet_stops_with_a_warning_instead_of_failing(
    tmp_path: Path, package: str, own_repository: bool, ready: str
) -> None:
    """The workflow's own shell step, run here with what GitHub would give it."""
    import yaml

    assert run_sitegen("workflow", cwd=tmp_path).code == 0
    workflow = yaml.safe_load((tmp_path / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    if own_repository:
        (tmp_path / "pyproject.toml").write_text("[project]\nname = 'sitegen'\n", encoding="utf-8")
    outputs = tmp_path / "outputs"
    env = {**os.environ, "SITEGEN_PACKAGE": package, "GITHUB_OUTPUT": str(outputs)}
    ran = subprocess.run(["bash", "-e", "-c", _setup_step(workflow)], cwd=tmp_path, env=env, capture_output=True)
    assert ran.returncode == 0, ran.stderr
    assert outputs.read_text(encoding="utf-8") == f"ready={ready}\n"
    assert (b"::warning" in ran.stdout) == (ready == "false")
    later = [step for step in workflow["jobs"]["publish"]["steps"][2:]]
    assert all(step.get("if") == "steps.setup.outputs.ready == 'true'" for step in later)


def test_deploy_if_configured_succeeds_without_a_target_and_deploys_with_one(
    make_site: MakeSite, tmp_path: Path
) -> None:
    root = make_site({"content/pages/about.md": "---\ntitle: About\n---\nHello.\n"})
    assert run_sitegen("build", "-q", cwd=root).code == 0
    plain = run_sitegen("deploy", cwd=root)
    assert plain.code == 1 and "names no place to deploy to" in plain.err
    waiting = run_sitegen("deploy", "--if-configured", cwd=root)
    assert waiting.code == 0 and "nothing deployed: site.yaml names no place to deploy to" in waiting.err
    served = tmp_path / "www"
    site_yaml = (root / "site.yaml").read_text(encoding="utf-8")
    (root / "site.yaml").write_text(
        site_yaml + f"deploy:\n  - name: live\n    url: file://{served}\n", encoding="utf-8"
    )
    assert run_sitegen("build", "-q", cwd=root).code == 0
    deployed = run_sitegen("deploy", "--if-configured", cwd=root)
    assert deployed.code == 0, deployed.err
    assert (served / "about/index.html").is_file()


def changes(printed: str, verb: str) -> set[str]:
    return {line.removeprefix(f"{verb} ") for line in printed.splitlines() if line.startswith(f"{verb} ")}


def test_every_unusable_deploy_address_is_reported_by_the_build_at_its_line(make_site: MakeSite) -> None:
    targets = [
        ("a", "ftp://example.org/site"),
        ("b", "file://relative/folder"),
        ("c", "s3://bucket/site?endpont=https://r2.example"),
        ("d", "s3://bucket/../site"),
        ("e", "git+https://example.org/site.git"),
        ("a", "file:///srv/www"),
    ]
    listed = "".join(f"  - name: {name}\n    url: {url}\n" for name, url in targets)
    root = make_site({}, MINIMAL_SITE_YAML + "deploy:\n" + listed)
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    lines = result.err.splitlines()
    assert any(line.startswith("site.yaml:11: deploy cannot publish to 'ftp://example.org/site'") for line in lines)
    assert any(line.startswith("site.yaml:13: a folder address is file:// and an absolute path") for line in lines)
    assert "site.yaml:15: unknown option 'endpont' in the S3 address (did you mean 'endpoint'?)" in lines
    assert any(line.startswith("site.yaml:17: the prefix '/../site' has an empty, '.' or '..' part") for line in lines)
    assert any(line.startswith("site.yaml:19: a git address names its branch after '#'") for line in lines)
    assert "site.yaml:20: two deploy targets are named 'a' (rename one)" in lines
