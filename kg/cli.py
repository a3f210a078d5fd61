"""The `newskg` command: ingest, validate, export, serve."""
import argparse
import sys
from pathlib import Path

from . import config
from .printable import escaped

EXPORT_FORMATS = ("nquads", "trig", "turtle", "jsonld")


def _store(args, read_only=False):
    from .store import open_store
    return open_store(args.store, read_only=read_only, update_endpoint=getattr(args, "store_update", None))


def cmd_ingest(args) -> int:
    from .ingest import expand, ingest
    from .limits import MB, Limits
    from .progress import Progress
    paths = [Path(p) for p in args.paths]
    limits = Limits(max_file_bytes=int(args.max_file_size * MB), max_headline_chars=args.max_headline,
                    max_literal_chars=args.max_literal)
    store = _store(args)
    try:
        with Progress(total=len(expand(paths, warn=False)[0]), enabled=sys.stderr.isatty()) as progress:
            outcomes = ingest(paths, store, meta=Path(args.meta) if args.meta else None,
                              store_text=args.store_text, jobs=args.jobs, limits=limits,
                              scheduler=args.scheduler,
                              report=lambda outcome: progress.show(outcome, _print_outcome))
    except OSError as exc:
        if not args.scheduler:
            raise
        print(f"error: scheduler {args.scheduler}: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if not outcomes:
        print("error: no article files found", file=sys.stderr)
        return 1
    return 0 if all(o.ok for o in outcomes) else 1


def cmd_watch(args) -> int:
    from .watch import default_state_path, watch
    folders = [Path(p) for p in args.folders]
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        print(f"error: {missing[0]}: no such folder", file=sys.stderr)
        return 1
    store = _store(args)
    try:
        ok = watch(folders, store, Path(args.state) if args.state else default_state_path(args.store),
                   _print_outcome, interval=args.interval, once=args.once, store_text=args.store_text)
    except KeyboardInterrupt:
        ok = True
    finally:
        store.close()
    return 0 if ok else 1


def cmd_feed(args) -> int:
    from .feeds import default_state_path, read_feeds
    store = _store(args)
    try:
        outcomes = read_feeds(args.sources, store, Path(args.state) if args.state else default_state_path(args.store),
                              _print_outcome, store_text=args.store_text)
    finally:
        store.close()
    return 0 if all(o.ok for o in outcomes) else 1


def _print_outcome(outcome) -> None:
    print(escaped(outcome.line()), file=sys.stdout if outcome.ok else sys.stderr, flush=True)


def cmd_validate(args) -> int:
    from .store_validation import validate_store
    store = _store(args, read_only=True)
    try:
        report = validate_store(store)
    finally:
        store.close()
    print(report.text)
    return 0 if report.conforms else 1


def cmd_export(args) -> int:
    from .export import export
    store = _store(args, read_only=True)
    try:
        if args.out:
            with open(args.out, "wb") as out:
                export(store, out, args.format)
        else:
            export(store, sys.stdout.buffer, args.format)
    finally:
        store.close()
    return 0


def cmd_serve(args) -> int:
    import os
    from server.wsgi import serve
    # the server opens the store itself: a remote store reads its update endpoint and its
    # query timeout (enforced by the store, not by forked children) from the environment
    if args.store_update:
        os.environ["NEWSKG_STORE_UPDATE"] = args.store_update
    if args.query_timeout is not None:
        os.environ["NEWSKG_QUERY_TIMEOUT"] = str(args.query_timeout)
    options = {"threads": args.threads} if args.threads else {}
    return serve(args.host, args.port, args.store, query_timeout=args.query_timeout,
                 update_timeout=args.update_timeout, **options) or 0


def _positive(kind):
    def parse(text: str):
        value = kind(text)
        if not value > 0:
            raise argparse.ArgumentTypeError(f"must be more than 0: {text}")
        return value
    parse.__name__ = kind.__name__
    return parse


def parser() -> argparse.ArgumentParser:
    from .limits import MB, Limits
    p = argparse.ArgumentParser(prog="newskg", description="NewsKG: news articles to a linked, validated knowledge graph")
    sub = p.add_subparsers(dest="command", required=True)

    def with_store(sp):
        sp.add_argument("--store", default=str(config.store_dir()),
                        help="store folder, or a SPARQL endpoint URL (default: $NEWSKG_STORE or ./newskg-store)")
        sp.add_argument("--store-update", default=None, metavar="URL",
                        help="the remote store's update endpoint, where it differs (default: $NEWSKG_STORE_UPDATE)")
        return sp

    ing = with_store(sub.add_parser("ingest", help="read, extract, validate and store articles"))
    ing.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .html, .json files or folders of them")
    ing.add_argument("--meta", help="metadata JSON for the article (default: NAME.meta.json beside it)")
    ing.add_argument("--store-text", action="store_true",
                     help="also store the full text (schema:articleBody): for owners of the text only")
    ing.add_argument("--jobs", type=int, default=1, metavar="N", help="analyse N articles at a time (processes)")
    ing.add_argument("--max-file-size", type=_positive(float), default=Limits.max_file_bytes / MB, metavar="MB",
                     help=f"refuse input files larger than this (default {Limits.max_file_bytes // MB} MB)")
    ing.add_argument("--max-headline", type=_positive(int), default=Limits.max_headline_chars, metavar="N",
                     help=f"cut headlines to N characters (default {Limits.max_headline_chars})")
    ing.add_argument("--max-literal", type=_positive(int), default=Limits.max_literal_chars, metavar="N",
                     help=f"cut any other text value to N characters (default {Limits.max_literal_chars})")
    ing.add_argument("--scheduler", default=None, metavar="ADDRESS",
                     help="a Dask scheduler (tcp://HOST:8786): its workers analyse and validate, this process writes")
    ing.set_defaults(func=cmd_ingest)

    wat = with_store(sub.add_parser("watch", help="ingest new and changed article files as they appear"))
    wat.add_argument("folders", nargs="+", metavar="DIR")
    wat.add_argument("--interval", type=float, default=2.0, help="seconds between looks (default 2)")
    wat.add_argument("--once", action="store_true", help="one look, then exit")
    wat.add_argument("--state", help="state file (default: beside the store, STORE.watch.json)")
    wat.add_argument("--store-text", action="store_true", help="as for ingest")
    wat.set_defaults(func=cmd_watch)

    fed = with_store(sub.add_parser("feed", help="ingest the new and changed entries of RSS and Atom feeds"))
    fed.add_argument("sources", nargs="+", metavar="URL|FILE")
    fed.add_argument("--state", help="state file (default: beside the store, STORE.feeds.json)")
    fed.add_argument("--store-text", action="store_true", help="as for ingest")
    fed.set_defaults(func=cmd_feed)

    val = with_store(sub.add_parser("validate", help="validate the store against the shapes"))
    val.set_defaults(func=cmd_validate)

    exp = with_store(sub.add_parser("export", help="write the whole store"))
    exp.add_argument("--format", choices=EXPORT_FORMATS, default="nquads")
    exp.add_argument("--out", help="file to write (default: standard output)")
    exp.set_defaults(func=cmd_export)

    srv = with_store(sub.add_parser("serve", help="serve SPARQL and linked-data pages"))
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=int, default=8080)
    srv.add_argument("--threads", type=int, default=None, help="request threads of the server (default 8)")
    srv.add_argument("--query-timeout", type=float, default=None, help="seconds (default: $NEWSKG_QUERY_TIMEOUT or 30)")
    srv.add_argument("--update-timeout", type=float, default=None,
                     help="seconds a SPARQL Update may take (default: $NEWSKG_UPDATE_TIMEOUT or 30)")
    srv.set_defaults(func=cmd_serve)
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except OSError as exc:
        print(escaped(f"error: {args.store}: {exc}"), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
