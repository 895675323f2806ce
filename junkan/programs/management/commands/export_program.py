"""Write a call as YAML: ``python manage.py export_program <slug> [-o file] [--no-files]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from junkan.programs.models import Program
from junkan.programs.yaml_io import export_programs


class Command(BaseCommand):
    help = "Export a program (call for proposals) as YAML, attachments included unless --no-files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", nargs="+", help="program slug(s)")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")
        parser.add_argument("--no-files", action="store_true", help="leave out the attachments' contents")

    def handle(self, *args: Any, **options: Any) -> None:
        programs = []
        for slug in options["slug"]:
            program = Program.objects.filter(slug=slug).first()
            if program is None:
                raise CommandError(f"公募「{slug}」はありません。")
            programs.append(program)
        text = export_programs(programs, include_files=not options["no_files"])
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stderr.write(f"{len(programs)}件の公募を {options['output']} に書き出しました。")
        else:
            self.stdout.write(text, ending="")
