"""The `loa` command line: one lazy group; each subcommand lives in its own module."""

from __future__ import annotations

import importlib

import click

# name -> "module:attribute". Subcommands are imported only when used, so `loa unit ...`
# on a speaker unit never imports the web panel, and `loa --help` stays fast.
COMMANDS: dict[str, str] = {
    "tts": "loa.cli_tts:tts",
    "render": "loa.cli_render:render",
    "keys": "loa.cli_bundle:keys",
    "bundle": "loa.cli_bundle:bundle",
    "plan": "loa.cli_plan:plan",
    "unit": "loa.cli_unit:unit",
    "doctor": "loa.cli_unit:doctor",
    "serve": "loa.cli_server:serve",
    "demo": "loa.cli_server:demo",
    "db": "loa.cli_server:db",
    "user": "loa.cli_server:user",
    "report": "loa.cli_report:report",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None  # not built yet
            raise
        return getattr(module, attr)


@click.group(cls=LazyGroup)
@click.version_option(package_name="loa-thanh-nien")
def main() -> None:
    """Loa — phát thanh loa thanh niên / loudspeaker broadcasts."""


if __name__ == "__main__":
    main()
