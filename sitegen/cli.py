"""The command line: parse arguments, call one function, turn its outcome into an exit code."""

from __future__ import annotations

import argparse
import logging
import shlex
import sys
from pathlib import Path
from typing import NoReturn

from sitegen import __version__
from sitegen.commands.workflow import WORKFLOW_FILE, WorkflowExists, write_workflow
from sitegen.core import layout
from sitegen.core.clock import today
from sitegen.core.errors import BuildFailed
from sitegen.core.heap import ended_after, settled_heap
from sitegen.core.output_folder import UnsafeOutput, checked_output
from sitegen.core.workspace import OnBusy, ProjectBusy
from sitegen.publishing.last_build import record_outcome, recording_outcome
from sitegen.publishing.uptodate import inputs_looked_at, options_key
from sitegen.rendering.templates_beside import templates_beside

EXIT_OK, EXIT_CONTENT, EXIT_CRASH, EXIT_USAGE = 0, 1, 3, 2


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitegen", description="A static-site generator for therapy practices.")
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    parser.add_argument("--root", type=Path, default=Path("."), help="the project folder (default: here)")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an unexpected error")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = commands.add_parser("build", help="build the site into output/")
    b.add_argument("--drafts", action="store_true", help="also publish drafts and scheduled articles")
    b.add_argument("--output", type=Path, default=None, help="where to build (default: output/)")
    b.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    b.add_argument("--force", action="store_true", help="build even when nothing has changed")
    b.add_argument("-v", "--verbose", action="store_true", help="print more about each phase")
    b.add_argument("--no-wait", action="store_true", help="stop at once if another build of this project is running")
    b.add_argument("--follow-output-link", action="store_true", help="build into the folder the output link points to")
    b.add_argument("--debug", action="store_true", dest="debug_sub", help=argparse.SUPPRESS)
    c = commands.add_parser("check", help="build, then report broken links, missing anchors and images, orphans")
    c.add_argument("--no-build", action="store_true", help="check the existing output/ without building")
    c.add_argument("--output", type=Path, default=None, help="the built site to check (default: output/)")
    c.add_argument("--drafts", action="store_true", help=argparse.SUPPRESS)
    c.add_argument("--no-wait", action="store_true", help="stop at once if another build of this project is running")
    c.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    c.add_argument("-v", "--verbose", action="store_true", help=argparse.SUPPRESS)
    s = commands.add_parser("serve", help="preview the site with drafts; rebuilds and reloads the browser on save")
    s.add_argument("--port", type=int, default=None, help="the port to serve on (default: 8000)")
    s.add_argument("--host", default=None, help="the address to serve on (default: 127.0.0.1, this machine only)")
    s.add_argument("-v", "--verbose", action="store_true", help=argparse.SUPPRESS)
    n = commands.add_parser("new", help="start a new article, journey, page or clinician from a template")
    n.add_argument("kind", choices=tuple(layout.FOLDER_OF), help="what to create")
    n.add_argument("title", help="its title (for a clinician: their name); the file is named after it")
    i = commands.add_parser("import", help="turn blog posts (copied .txt, saved .html, WordPress .xml) into articles")
    i.add_argument("inputs", nargs="+", type=Path, metavar="FILE|FOLDER", help="copied posts, saved pages, exports")
    i.add_argument("--dry-run", action="store_true", help="show the report and write nothing")
    i.add_argument("--force", action="store_true", help="replace articles that an earlier import wrote")
    d = commands.add_parser("deploy", help="publish output/ to a target in site.yaml, uploading only what changed")
    d.add_argument("target", nargs="?", default=None, help="the name of a target under 'deploy:' (default: the first)")
    d.add_argument("--dry-run", action="store_true", help="list the changes and touch nothing")
    d.add_argument("--no-delete", action="store_true", help="keep files the site no longer has")
    d.add_argument("--no-wait", action="store_true", help="stop at once if a build of this project is running")
    d.add_argument("-q", "--quiet", action="store_true", help="print only the summary and problems")
    d.add_argument(
        "--if-configured", action="store_true", help="when site.yaml lists no deploy target, say so and succeed"
    )
    commands.add_parser("workflow", help=f"write a CI workflow that builds and deploys daily ({WORKFLOW_FILE})")
    _add_init(commands)
    return parser


def _add_init(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = commands.add_parser("init", help="start a practice's own site in a new folder, from a few questions")
    add = init.add_argument
    add("dir", type=Path, metavar="DIR", help="the folder to create (new, empty, or a fresh git clone)")
    add("--name", help="the practice's name, which is the site's title")
    add("--country", metavar="CC", help="the two-letter code of the country you practise in, e.g. US or GB")
    add("--language", metavar="en|es", help="the site's language: en (the default) or es, or es-MX…")
    add("--email", metavar="ADDRESS", help="an email address readers may write to (optional)")
    add("--booking-url", metavar="URL", help="where clients book: https://…, a phone number, or a page like /contact/")
    add("--clinician", action="append", metavar="NAME", help="a clinician's name (repeat for each)")
    add("--crisis-text", metavar="TEXT", help="your own crisis notice, for a country whose services sitegen lacks")
    mode = init.add_mutually_exclusive_group()
    mode.add_argument("--non-interactive", action="store_true", help="ask nothing: every answer comes from flags")
    mode.add_argument("--interactive", action="store_true", help="ask the questions even when input is not a terminal")


def run() -> NoReturn:
    """The `sitegen` command (and `python -m sitegen`): main(), and the process ends."""
    ended_after(main)


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    debug = bool(args.debug or getattr(args, "debug_sub", False))
    level = logging.INFO if getattr(args, "verbose", False) else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "serve":
            return run_serve(args)
        if args.command == "new":
            return run_new(args)
        if args.command == "import":
            return run_import(args)
        if args.command == "deploy":
            return run_deploy(args)
        if args.command == "workflow":
            return run_workflow(args)
        if args.command == "init":
            return run_init(args)
        return run_build(args)
    except BuildFailed as failure:
        for error in failure.errors:
            print(error, file=sys.stderr)
        count = len(failure.errors)
        print(f"build failed: {count} problem{'s' if count != 1 else ''}; output/ was left as it was", file=sys.stderr)
        return EXIT_CONTENT
    except UnsafeOutput as refused:
        print(f"error: {refused}", file=sys.stderr)
        print("nothing was built or removed", file=sys.stderr)
        return EXIT_CONTENT
    except ProjectBusy:
        print("another sitegen build of this project is running: nothing was built", file=sys.stderr)
        print("(run again when it has finished, or without --no-wait to wait for it)", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("interrupted; output/ was left as it was", file=sys.stderr)
        return 130
    except Exception as exc:  # a genuine bug: one line, unless the user asks for more
        if debug:
            raise
        print(f"sitegen crashed: {type(exc).__name__}: {exc} (run again with --debug for details)", file=sys.stderr)
        return EXIT_CRASH


def _import_build() -> None:
    with settled_heap():  # the whole pipeline, only when there is work: long-lived code, never garbage
        import sitegen.build  # noqa: F401


def run_build(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    output = checked_output(root, args.output or root / "output", args.follow_output_link)
    key = options_key(args.drafts, today().isoformat(), output)
    with templates_beside(root) as templates:  # a first build's, compiled while the pipeline is imported
        inputs, current = inputs_looked_at(root, output, key, meanwhile=_import_build, check=not args.force)
        if current and not args.force:
            record_outcome(root, output, succeeded=True)  # what output/ holds is the build of these sources
            if not args.quiet:
                print(f"nothing changed: {_shown(output)} is up to date")
            return EXIT_OK
        _import_build()  # unless it was made while a large site was looked at
        from sitegen.build import build
        progress = stderr_progress if sys.stderr.isatty() and not args.quiet else None
        with recording_outcome(root, output):  # `sitegen deploy` never publishes what a failed build left
            report = build(
                root,
                output,
                drafts=args.drafts,
                progress=progress,
                inputs=inputs,
                on_busy=_on_busy(args),
                follow_output_link=True,
                templates=templates,
            )
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not args.quiet:
        print(
            f"built {report.pages} pages ({report.files} files) in {report.seconds:.2f}s into {_shown(report.output)}"
        )
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    output = (args.output or root / "output").resolve()
    from sitegen.build import build
    from sitegen.commands.check import check_site, crisis_data_warning
    from sitegen.commands.fees_notice import fees_link_notes
    from sitegen.commands.professional_checks import professional_findings
    from sitegen.commands.starter_text import starter_text_notes
    from sitegen.config.site_config import load_config

    sources: dict[str, str] = {}
    if not args.no_build:
        with recording_outcome(root, output):
            built = build(root, output, drafts=args.drafts, on_busy=_on_busy(args))
        sources = built.sources
        for warning in built.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    elif not output.is_dir():
        print(f"{_shown(output)} does not exist: run 'sitegen build' first, or drop --no-build", file=sys.stderr)
        return EXIT_CONTENT
    config = load_config(root)
    report = check_site(output, config.base_path, root, sources)
    stale = crisis_data_warning(config, today(), root)
    found = (*fees_link_notes(config, root), *professional_findings(root, config, sources), *starter_text_notes(root))
    notes = [str(note) for note in found]
    for note in ([stale] if stale else []) + notes:
        print(f"warning: {note}", file=sys.stderr)
    if not args.quiet and report.external:
        print(f"{len(report.external)} external links (not fetched):")
        for url, where in report.external.items():
            print(f"  {url}  ({len(where)} page{'s' if len(where) != 1 else ''})")
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.problems:
        print(f"check failed: {len(report.problems)} problems in {report.pages} pages", file=sys.stderr)
        return EXIT_CONTENT
    if not args.quiet:
        print(f"checked {report.pages} pages: no broken links, missing anchors or orphan pages")
    return EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    from sitegen.preview import serve as preview  # the web server is loaded only when serving

    host = preview.DEFAULT_HOST if args.host is None else args.host
    port = preview.DEFAULT_PORT if args.port is None else args.port
    options = preview.ServeOptions(args.root, host, port, debug=bool(args.debug))
    try:
        preview.serve(options, say=_say, warn=_warn)
    except preview.ServeError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


def _on_busy(args: argparse.Namespace) -> OnBusy:
    """What to do when another build holds the project's lock: wait, saying so, or give up."""

    def waiting() -> bool:
        if args.no_wait:
            return False
        print("another sitegen build of this project is running: waiting for it to finish", file=sys.stderr, flush=True)
        return True

    return waiting


def _say(line: str) -> None:
    print(line, flush=True)


def _warn(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def run_new(args: argparse.Namespace) -> int:
    from sitegen.commands.scaffold import ScaffoldError, new_content  # a build need not load what `new` reads

    try:
        path = new_content(args.root.resolve(), args.kind, args.title)
    except ScaffoldError as exc:
        print(exc, file=sys.stderr)
        return EXIT_CONTENT
    except BuildFailed as failure:
        for error in failure.errors:
            print(error, file=sys.stderr)
        print("nothing was written: fix site.yaml first", file=sys.stderr)
        return EXIT_CONTENT
    print(_shown(path).rstrip("/"))
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from sitegen.commands.importer import import_posts

    try:
        report = import_posts(
            args.root.resolve(), args.inputs, force=args.force, dry_run=args.dry_run, today=today(), shown=_shown_file
        )
    except BuildFailed as failure:
        for error in failure.errors:
            print(error, file=sys.stderr)
        print("nothing was imported: fix site.yaml first", file=sys.stderr)
        return EXIT_CONTENT
    for line in report.lines():
        print(line)
    if not report.ok:
        print("import incomplete: some files or posts could not be imported (see above)", file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


def run_deploy(args: argparse.Namespace) -> int:
    from sitegen.commands.deploy import DeployFailed, NoDeployTarget, deploy

    try:
        report = deploy(args.root, args.target, args.dry_run, args.no_delete, _on_busy(args))
    except NoDeployTarget as failed:
        if not args.if_configured:
            print(f"deploy failed: {failed}", file=sys.stderr)
            return EXIT_CONTENT
        print(f"nothing deployed: {failed}", file=sys.stderr)  # the workflow of a site not set up yet
        return EXIT_OK
    except DeployFailed as failed:
        print(f"deploy failed: {failed}", file=sys.stderr)
        return EXIT_CONTENT
    except BuildFailed as failure:
        for error in failure.errors:
            print(error, file=sys.stderr)
        print("nothing was deployed: fix site.yaml first", file=sys.stderr)
        return EXIT_CONTENT
    plan, verb = report.plan, "would " if report.dry_run else ""
    if not args.quiet:
        for upload in plan.uploads:
            print(f"{verb}upload {upload.path}")
        for path in plan.deletions:
            print(f"{verb}delete {path}")
    kept = f", {len(plan.kept)} kept (--no-delete)" if plan.kept else ""
    counts = f"{len(plan.uploads)} uploaded ({plan.bytes} bytes), {len(plan.deletions)} deleted"
    counts += f", {len(plan.unchanged)} unchanged{kept}"
    where = f"{report.target.name} ({report.target.url})"
    if report.dry_run:
        print(f"dry run, nothing was changed: {where} would get {counts}")
    else:
        print(f"deployed to {where}: {counts}")
    return EXIT_OK


def run_workflow(args: argparse.Namespace) -> int:
    try:
        path = write_workflow(args.root.resolve())
    except WorkflowExists as exists:
        print(f"{_shown_file(Path(str(exists)))} is already there: it was left as it is", file=sys.stderr)
        return EXIT_CONTENT
    print(f"wrote {_shown_file(path)}: it builds on every push and once a day, then runs sitegen deploy")
    return EXIT_OK


def run_init(args: argparse.Namespace) -> int:
    from sitegen.commands import init

    target = (args.root / args.dir).absolute()
    given = init.Given(
        args.name,
        args.country,
        args.language,
        args.booking_url,
        None if args.clinician is None else tuple(args.clinician),
        args.crisis_text,
        args.email,
    )
    try:
        init.check_target(target)  # before any question: answers are wasted on a folder init will refuse
        interactive = args.interactive or (not args.non_interactive and sys.stdin.isatty())
        answers = init.ask_answers(given, input, _say) if interactive else init.answers_from_flags(given)
        files = init.init_site(target, answers, today())
    except init.TargetRefused as refused:
        print(f"error: {refused}", file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return EXIT_CONTENT
    except init.InitRefused as refused:
        for refusal in refused.refusals:
            print(f"error: {refusal.message} ({refusal.hint})", file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return EXIT_CONTENT
    except BuildFailed as failure:  # the site.yaml init wrote did not read back: sitegen's own bug
        for error in failure.errors:
            print(error, file=sys.stderr)
        print("sitegen made a site.yaml it cannot read (please report it): nothing was written", file=sys.stderr)
        return EXIT_CRASH
    except OSError as failed:  # no permission, a file where a folder belongs, a full disk
        print(f"error: could not write the new site: {failed.strerror or failed} ({failed.filename})", file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("\nstopped: nothing was written", file=sys.stderr)
        return 130
    shown = _shown(target).rstrip("/")
    print(f"made {answers.name}'s site in {shown} ({len(files)} files). Next:")
    print(f"  cd {shlex.quote(shown)}")  # a folder named "Harbor Light" must be typed in quotes
    print("  sitegen serve    # a preview at http://127.0.0.1:8000/ that reloads as you save")
    print('Then look for "Replace" in site.yaml and content/: each marks starter text to make your own.')
    return EXIT_OK


def _shown_file(path: Path) -> str:
    return _shown(path.resolve()).rstrip("/")


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix() + "/"
    except ValueError:
        return str(path)


def stderr_progress(done: int, total: int) -> None:
    """The build's progress on a terminal, on one line that is rewritten."""
    sys.stderr.write(f"\r  rendering {done}/{total} pages")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()
