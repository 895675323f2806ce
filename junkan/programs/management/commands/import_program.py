"""Read calls from YAML: ``python manage.py import_program <file> [--replace --reason ...]``.

Runs as the system (audited with no person); a program with the same slug is replaced only with
``--replace``, and once it has applications only with ``--reason``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from junkan.programs.schema import ProgramDataError
from junkan.programs.services import import_program
from junkan.programs.yaml_io import read_yaml


class Command(BaseCommand):
    help = "Import programs (calls for proposals) from a YAML file written by export_program."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="YAML file (one program per document)")
        parser.add_argument("--replace", action="store_true", help="update a program with the same slug")
        parser.add_argument("--reason", default="", help="reason for the change (required once applied to)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"ファイル {path} がありません。")
        try:
            documents = read_yaml(path.read_bytes())
            with transaction.atomic():
                results = [
                    import_program(None, document, replace=options["replace"], reason=options["reason"])
                    for document in documents
                ]
        except ProgramDataError as error:
            raise CommandError("\n".join(error.problems)) from error
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        for result in results:
            state = "登録" if result.created else ("更新" if result.version else "変更なし")
            version = f"第{result.program.version}版"
            self.stdout.write(f"{result.program.slug}: {state}（{version}）")
            for warning in result.warnings:
                self.stderr.write(f"  {warning}")
