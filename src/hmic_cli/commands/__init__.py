"""What each command does, given the request the CLI filled in (`command_requests`): load, compute, emit. One
function per command, in the module named as its CLI module (`cli/read.py` -> `commands/read.py`):

- `read`: list, show, check, themes, summary, log, report (the board pack), validate, schema, config;
- `write`: init, `write` (the one path every plan-based write command goes through), import;
- `between`: the commands between meetings: diff, merge, remind; and `since_meeting` (`report
  --since-ref`) and `guard_record` (`check --against`).

(`hmic report` is declared in `cli/write.py`, the group of its `report add`; the board pack it makes
is a read, in `read`.)

Thin by design: the work is in the library modules. Nothing is re-exported here: import the module.
"""
