#!/usr/bin/env python3
"""The manual page dossier.1 (mdoc), generated from the command definitions themselves.

Reads the JSON that `dossier --experimental-dump-help` prints (swift-argument-parser's ToolInfoV0: every command,
subcommand, argument, option and flag with its help text, value name, default and allowed values) on standard input
and writes the page to standard output, so the manual says what `--help` says and cannot drift from it.

    dossier --experimental-dump-help | python3 Scripts/manpage.py --date 2026-12-02 --os "Dossier 0.1.0" > dossier.1

The output depends only on the input and the arguments: no clock, no environment.
"""
import argparse
import datetime
import json
import re
import sys

# mdoc macros a word on a macro line could be mistaken for (callable macros are capitalised, two or three letters).
CALLABLE = re.compile(r"^[A-Z][a-z][a-z]?$")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def escape(text):
    """Text as roff prints it literally: backslashes escaped, dashes and leading dots and quotes protected."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return text


def text_lines(text):
    """A paragraph as text lines, one per sentence where possible (mdoc's convention), none starting with a control
    character."""
    out = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        words = " ".join(paragraph.split())
        for sentence in re.split(r"(?<=[.;:!?])\s+(?=[A-Z`\"'(])", words):
            line = escape(sentence)
            if line.startswith((".", "'")):
                line = "\\&" + line
            out.append(line)
        out.append(".Pp")
    if out and out[-1] == ".Pp":
        out.pop()
    return out


def macro_args(text):
    """Words for a macro line: each quoted as needed, with words that look like callable macros escaped."""
    words = []
    for word in escape(" ".join(text.split())).split(" "):
        if CALLABLE.match(word):
            word = "\\&" + word
        if '"' in word:
            word = word.replace('"', '\\(dq')
        words.append(word)
    return " ".join(words)


def flag_name(name):
    """A NameInfoV0 as mdoc: `Fl -site` for --site, `Fl s` for -s, `Fl site` for -site."""
    if name["kind"] == "long":
        return "Fl \\-" + escape(name["name"])
    return "Fl " + escape(name["name"])


def visible(arguments):
    return [a for a in arguments or [] if a.get("shouldDisplay", True)]


def synopsis_item(argument):
    """One argument as the synopsis shows it, e.g. `Op Fl -site Ar path` or `Ar target ...`."""
    if argument["kind"] == "positional":
        part = "Ar " + escape(argument.get("valueName") or "value")
    else:
        part = flag_name(argument["preferredName"])
        if argument["kind"] == "option":
            part += " Ar " + escape(argument.get("valueName") or "value")
    if argument.get("isRepeating"):
        part += " Ar ..."
    return ("Op " + part) if argument.get("isOptional") else part


def argument_item(argument):
    """The `.It` line and body of one argument in an options list."""
    if argument["kind"] == "positional":
        head = "Ar " + escape(argument.get("valueName") or "value")
    else:
        names = argument.get("names") or [argument["preferredName"]]
        head = " , ".join(flag_name(n) for n in names)
        if argument["kind"] == "option":
            head += " Ar " + escape(argument.get("valueName") or "value")
    if argument.get("isRepeating"):
        head += " Ar ..."
    lines = [".It " + head]
    help_text = argument.get("abstract") or ""
    if argument.get("discussion"):
        help_text += "\n\n" + argument["discussion"]
    if help_text:
        lines += text_lines(help_text)
    values = argument.get("allValues") or argument.get("allValueStrings")
    if values and argument["kind"] == "option":
        lines.append("One of " + ", ".join(escape(v) for v in values) + ".")
    default = argument.get("defaultValue")
    if default not in (None, "") and argument["kind"] != "flag":
        lines.append("Default:")
        lines.append(".Ql \\&" + macro_args(default))
    return lines


def command_section(command, path):
    """A subcommand under COMMANDS: its synopsis, its help and its arguments."""
    name = " ".join(path)
    arguments = visible(command.get("arguments"))
    lines = [".Ss " + macro_args(name)]
    lines.append(".Bd -ragged -offset indent")
    lines.append(".Nm " + escape(path[0]) + " " + " ".join(escape(p) for p in path[1:]))
    for argument in arguments:
        lines.append("." + synopsis_item(argument))
    lines.append(".Ed")
    if command.get("abstract"):
        lines += text_lines(command["abstract"])
    if command.get("discussion"):
        lines.append(".Pp")
        lines += text_lines(command["discussion"])
    if arguments:
        lines.append(".Bl -tag -width 6n")
        for argument in arguments:
            lines += argument_item(argument)
        lines.append(".El")
    for sub in command.get("subcommands") or []:
        if sub.get("shouldDisplay", True):
            lines += command_section(sub, path + [sub["commandName"]])
    return lines


def manual(tool, date, os_name):
    root = tool["command"]
    name = root["commandName"]
    subcommands = [c for c in root.get("subcommands") or [] if c.get("shouldDisplay", True)]
    lines = [
        ".\\\" Generated by Scripts/manpage.py from `" + name + " --experimental-dump-help`; do not edit.",
        ".Dd " + date,
        ".Dt " + name.upper() + " 1",
        ".Os " + escape(os_name),
        ".Sh NAME",
        ".Nm " + escape(name),
        ".Nd " + macro_args((root.get("abstract") or "").rstrip(".")),
        ".Sh SYNOPSIS",
    ]
    for command in subcommands:
        lines.append(".Nm")
        lines.append(".Cm " + escape(command["commandName"]))
        lines.append(".Op Ar options")
        if any(a["kind"] == "positional" for a in visible(command.get("arguments"))):
            lines.append("." + " ".join(synopsis_item(a) for a in visible(command.get("arguments"))
                                        if a["kind"] == "positional"))
    lines.append(".Nm")
    lines.append(".Op Fl \\-version | Fl \\-help")
    lines.append(".Sh DESCRIPTION")
    lines += text_lines(root.get("abstract") or "")
    if root.get("discussion"):
        lines.append(".Pp")
        lines += text_lines(root["discussion"])
    root_arguments = visible(root.get("arguments"))
    if root_arguments:
        lines.append(".Bl -tag -width 6n")
        for argument in root_arguments:
            lines += argument_item(argument)
        lines.append(".El")
    lines.append(".Sh COMMANDS")
    lines.append("Each command takes")
    lines.append(".Fl h , Fl \\-help ,")
    lines.append("which prints its options.")
    for command in subcommands:
        lines += command_section(command, [name, command["commandName"]])
    lines += [
        ".Sh EXIT STATUS",
        "Every command exits 0 when it succeeds, 1 when the content or the operation has errors (a build or a publish",
        "that fails, a check that finds errors; warnings never fail a command), and 2 on a usage error (an unknown",
        "option, a missing site folder, a malformed publish target).",
        "An interrupted build exits 130.",
        ".Sh SEE ALSO",
        "The README and",
        ".Pa docs/continuous\\-publishing.md",
        "in Dossier's source repository.",
    ]
    return "\n".join(lines) + "\n"


def mdoc_date(value):
    day = datetime.date.fromisoformat(value)
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--date", required=True, help="the manual's date, YYYY-MM-DD (the source commit's date)")
    parser.add_argument("--os", default="Dossier", help="the footer's source, e.g. 'Dossier 0.1.0'")
    options = parser.parse_args()
    tool = json.load(sys.stdin)
    sys.stdout.write(manual(tool, mdoc_date(options.date), options.os))


if __name__ == "__main__":
    main()
