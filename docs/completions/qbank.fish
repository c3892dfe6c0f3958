# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_qbank_global_optspecs
    string join \n h/help V/version
end

function __fish_qbank_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_qbank_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_qbank_using_subcommand
    set -l cmd (__fish_qbank_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c qbank -n "__fish_qbank_needs_command" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_needs_command" -s V -l version -d 'Print version'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "lint" -d 'Check a bank: YAML syntax, schemas, ids, topics, duplicates'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "rule" -d 'Print the documentation of a lint rule'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "kit" -d 'Interview kits: list them, show a kit\'s questions, print it to PDF'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "loop" -d 'Interview loops: list them, show who asks what, print every interviewer\'s kit and the debrief sheet'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "export" -d 'Write the bank as CSV for spreadsheets, JSON for other tools, or Markdown'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "import" -d 'Read questions back into the bank from a spreadsheet'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "coverage" -d 'Print the topic × level matrix of active questions against topics.yaml\'s minimums'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "fmt" -d 'Rewrite question, topic and kit files in the canonical layout, keeping comments'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "init" -d 'Start a bank: example topics, questions and kit, qbank.toml, a pull-request workflow and pre-commit hooks; never overwrites a file'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "new" -d 'Start a question file: id, folder and schema line filled in, rubric lists to fill'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "stats" -d 'Counts by topic, level, kind and status; rubric gaps; questions due for review'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "similar" -d 'The active questions closest to a text or to a question, with scores and shared subjects'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "model" -d 'The sentence-embedding model that finds near duplicates by meaning: fetch it, show it'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c qbank -n "__fish_qbank_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c qbank -n "__fish_qbank_using_subcommand lint" -l bank -d 'The bank folder, as an option (the same as the BANK operand)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand lint" -l format -d 'Output format [default: human, or github when GITHUB_ACTIONS=true]' -r -f -a "human\t'Code snippets with the place underlined (default on a terminal)'
json\t'One JSON document with a `diagnostics` array'
github\t'GitHub Actions annotations (default when GITHUB_ACTIONS=true)'
sarif\t'SARIF 2.1.0 for code scanning'"
complete -c qbank -n "__fish_qbank_using_subcommand lint" -l select -d 'Only run these rules (comma-separated names)' -r
complete -c qbank -n "__fish_qbank_using_subcommand lint" -l ignore -d 'Do not run these rules (comma-separated names)' -r
complete -c qbank -n "__fish_qbank_using_subcommand lint" -l config -d 'Read settings from this file instead of the qbank.toml found from the bank folder up' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand lint" -l changed-since -d 'Only report findings on files changed since this git ref (as in a pull request: the ref...HEAD diff, plus uncommitted and untracked files); the whole bank is still checked' -r
complete -c qbank -n "__fish_qbank_using_subcommand lint" -l color -d 'Colours in human output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c qbank -n "__fish_qbank_using_subcommand lint" -l deny-warnings -d 'Exit with 1 on warnings too [default: `[lint] deny-warnings` in qbank.toml, or false]'
complete -c qbank -n "__fish_qbank_using_subcommand lint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c qbank -n "__fish_qbank_using_subcommand rule" -l all -d 'Print every rule\'s documentation'
complete -c qbank -n "__fish_qbank_using_subcommand rule" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand kit; and not __fish_seen_subcommand_from list show build help" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand kit; and not __fish_seen_subcommand_from list show build help" -f -a "list" -d 'List the kits of a bank, and whether each can be drawn'
complete -c qbank -n "__fish_qbank_using_subcommand kit; and not __fish_seen_subcommand_from list show build help" -f -a "show" -d 'Print the questions a kit draws, in kit order'
complete -c qbank -n "__fish_qbank_using_subcommand kit; and not __fish_seen_subcommand_from list show build help" -f -a "build" -d 'Write a kit as a printable PDF, or as a DOCX to edit in Word or LibreOffice'
complete -c qbank -n "__fish_qbank_using_subcommand kit; and not __fish_seen_subcommand_from list show build help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from list" -l bank -d 'The bank folder, as an option (the same as the BANK operand)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "human\t'Text for people'
json\t'One JSON document'"
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from show" -l bank -d 'The bank folder (holding topics.yaml)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "human\t'Text for people'
json\t'One JSON document'"
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from show" -l allow-near-duplicates -d 'Let near-duplicate questions share the kit (similar_to pairs are still kept apart)'
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from build" -l bank -d 'The bank folder (holding topics.yaml)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from build" -s o -l out -d 'Where to write the file; `-` for standard output [default: <kit>.pdf, or <kit>-candidate.pdf for the candidate edition; .docx for --format docx]' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from build" -l candidate -d 'The candidate\'s name, printed on every page' -r
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from build" -l interviewer -d 'The interviewer\'s name' -r
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from build" -l date -d 'The interview date, YYYY-MM-DD [default: from SOURCE_DATE_EPOCH, else left blank to fill in]' -r
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from build" -l edition -d 'Which edition to print [default: the kit\'s `edition`, else interviewer]' -r -f -a "interviewer\t'Everything: rubric, red flags, rating rows, notes and the scorecard'
candidate\t'The questions and room to answer, for a handout or a take-home sheet'"
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from build" -l paper -d 'Paper size' -r -f -a "a4\t'210 x 297 mm'
letter\t'US Letter, 8.5 x 11 in'"
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from build" -l format -d 'File format' -r -f -a "pdf\t'A PDF to print'
docx\t'A Word document to edit before printing, in Word or LibreOffice'"
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from build" -l layout -d 'Page layout [default: the kit\'s `layout`, else standard]' -r -f -a "standard\t'A question to a page with room for notes; instructions and rating scale first'
compact\t'Two or three questions to a page, for screens; the scorecard follows the questions'"
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from build" -l allow-near-duplicates -d 'Let near-duplicate questions share the kit (similar_to pairs are still kept apart)'
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the kits of a bank, and whether each can be drawn'
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the questions a kit draws, in kit order'
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from help" -f -a "build" -d 'Write a kit as a printable PDF, or as a DOCX to edit in Word or LibreOffice'
complete -c qbank -n "__fish_qbank_using_subcommand kit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c qbank -n "__fish_qbank_using_subcommand loop; and not __fish_seen_subcommand_from list show build help" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand loop; and not __fish_seen_subcommand_from list show build help" -f -a "list" -d 'List the loops of a bank, and whether each can be drawn'
complete -c qbank -n "__fish_qbank_using_subcommand loop; and not __fish_seen_subcommand_from list show build help" -f -a "show" -d 'Print each interview\'s questions and which interview covers which competency'
complete -c qbank -n "__fish_qbank_using_subcommand loop; and not __fish_seen_subcommand_from list show build help" -f -a "build" -d 'Write every interviewer\'s kit and the debrief sheet into a folder'
complete -c qbank -n "__fish_qbank_using_subcommand loop; and not __fish_seen_subcommand_from list show build help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from list" -l bank -d 'The bank folder, as an option (the same as the BANK operand)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "human\t'Text for people'
json\t'One JSON document'"
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from show" -l bank -d 'The bank folder (holding topics.yaml)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "human\t'Text for people'
json\t'One JSON document'"
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from show" -l allow-near-duplicates -d 'Let near-duplicate questions share the kit (similar_to pairs are still kept apart)'
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from build" -l bank -d 'The bank folder (holding topics.yaml)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from build" -s o -l out -d 'The folder to write into (created if missing): <n>-<kit>.pdf per interview and debrief.pdf' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from build" -l candidate -d 'The candidate\'s name, printed on every page' -r
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from build" -l date -d 'The date of the loop, YYYY-MM-DD [default: from SOURCE_DATE_EPOCH, else left blank to fill in]' -r
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from build" -l paper -d 'Paper size' -r -f -a "a4\t'210 x 297 mm'
letter\t'US Letter, 8.5 x 11 in'"
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from build" -l format -d 'File format' -r -f -a "pdf\t'A PDF to print'
docx\t'A Word document to edit before printing, in Word or LibreOffice'"
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from build" -l layout -d 'Page layout of every kit [default: each kit\'s `layout`, else standard]' -r -f -a "standard\t'A question to a page with room for notes; instructions and rating scale first'
compact\t'Two or three questions to a page, for screens; the scorecard follows the questions'"
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from build" -l allow-near-duplicates -d 'Let near-duplicate questions share the kit (similar_to pairs are still kept apart)'
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the loops of a bank, and whether each can be drawn'
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print each interview\'s questions and which interview covers which competency'
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from help" -f -a "build" -d 'Write every interviewer\'s kit and the debrief sheet into a folder'
complete -c qbank -n "__fish_qbank_using_subcommand loop; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c qbank -n "__fish_qbank_using_subcommand export; and not __fish_seen_subcommand_from csv xlsx json html md help" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand export; and not __fish_seen_subcommand_from csv xlsx json html md help" -f -a "csv" -d 'One row per question, lists one item per line in a cell'
complete -c qbank -n "__fish_qbank_using_subcommand export; and not __fish_seen_subcommand_from csv xlsx json html md help" -f -a "xlsx" -d 'An Excel workbook: drop-down lists for the closed fields, frozen header, one row per question'
complete -c qbank -n "__fish_qbank_using_subcommand export; and not __fish_seen_subcommand_from csv xlsx json html md help" -f -a "json" -d 'The whole bank (topics, questions, kits) as one JSON document'
complete -c qbank -n "__fish_qbank_using_subcommand export; and not __fish_seen_subcommand_from csv xlsx json html md help" -f -a "html" -d 'One self-contained web page to browse the bank: filters, search as you type, kits and loops; no network needed'
complete -c qbank -n "__fish_qbank_using_subcommand export; and not __fish_seen_subcommand_from csv xlsx json html md help" -f -a "md" -d 'A Markdown page of the bank: topics as sections, questions with follow-ups and rubric'
complete -c qbank -n "__fish_qbank_using_subcommand export; and not __fish_seen_subcommand_from csv xlsx json html md help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from csv" -l bank -d 'The bank folder, as an option (the same as the BANK operand)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from csv" -l kit -d 'Only the questions of this kit' -r
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from csv" -s o -l out -d 'Write to this file (replaced at once, never left half-written); `-` or none: standard output' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from csv" -l columns -d 'The columns, in order (comma-separated; `all` for every column) [default: id,topic, levels,kind,minutes,text,follow_ups,strong,red_flags,tags,status,source,revision, and title, competencies, expect, anchor_1..anchor_4, level_anchors where a question uses them; also: similar_to, reviewed]. With id, revision is always added: import uses it to refuse rows whose question changed since the export' -r
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from csv" -l excel -d 'For Excel: a UTF-8 byte-order mark and CRLF line ends'
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from csv" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from xlsx" -l bank -d 'The bank folder, as an option (the same as the BANK operand)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from xlsx" -l kit -d 'Only the questions of this kit' -r
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from xlsx" -s o -l out -d 'Write to this file (replaced at once, never left half-written); `-` or none: standard output' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from xlsx" -l columns -d 'The columns, in order (comma-separated; `all` for every column) [default: as for CSV]' -r
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from xlsx" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from json" -l bank -d 'The bank folder, as an option (the same as the BANK operand)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from json" -l kit -d 'Only the questions of this kit' -r
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from json" -s o -l out -d 'Write to this file (replaced at once, never left half-written); `-` or none: standard output' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from json" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from html" -l bank -d 'The bank folder, as an option (the same as the BANK operand)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from html" -s o -l out -d 'The folder to write index.html to (made if missing), a file name ending in .html, or `-` for standard output' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from html" -l title -d 'The page\'s title [default: Question bank]' -r
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from html" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from md" -l bank -d 'The bank folder, as an option (the same as the BANK operand)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from md" -l kit -d 'Only the questions of this kit' -r
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from md" -s o -l out -d 'Write to this file (replaced at once, never left half-written); `-` or none: standard output' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from md" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "csv" -d 'One row per question, lists one item per line in a cell'
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "xlsx" -d 'An Excel workbook: drop-down lists for the closed fields, frozen header, one row per question'
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "json" -d 'The whole bank (topics, questions, kits) as one JSON document'
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "html" -d 'One self-contained web page to browse the bank: filters, search as you type, kits and loops; no network needed'
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "md" -d 'A Markdown page of the bank: topics as sections, questions with follow-ups and rubric'
complete -c qbank -n "__fish_qbank_using_subcommand export; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c qbank -n "__fish_qbank_using_subcommand import; and not __fish_seen_subcommand_from csv xlsx help" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand import; and not __fish_seen_subcommand_from csv xlsx help" -f -a "csv" -d 'Update questions by id and create new ones from the rows of a CSV file'
complete -c qbank -n "__fish_qbank_using_subcommand import; and not __fish_seen_subcommand_from csv xlsx help" -f -a "xlsx" -d 'Update questions by id and create new ones from the rows of an Excel workbook'
complete -c qbank -n "__fish_qbank_using_subcommand import; and not __fish_seen_subcommand_from csv xlsx help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c qbank -n "__fish_qbank_using_subcommand import; and __fish_seen_subcommand_from csv" -l bank -d 'The bank folder (holding topics.yaml)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand import; and __fish_seen_subcommand_from csv" -l dry-run -d 'Print what would change, write nothing'
complete -c qbank -n "__fish_qbank_using_subcommand import; and __fish_seen_subcommand_from csv" -l force -d 'Import rows whose question changed in the bank since the export (their revision differs), overwriting those changes'
complete -c qbank -n "__fish_qbank_using_subcommand import; and __fish_seen_subcommand_from csv" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand import; and __fish_seen_subcommand_from xlsx" -l bank -d 'The bank folder (holding topics.yaml)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand import; and __fish_seen_subcommand_from xlsx" -l dry-run -d 'Print what would change, write nothing'
complete -c qbank -n "__fish_qbank_using_subcommand import; and __fish_seen_subcommand_from xlsx" -l force -d 'Import rows whose question changed in the bank since the export (their revision differs), overwriting those changes'
complete -c qbank -n "__fish_qbank_using_subcommand import; and __fish_seen_subcommand_from xlsx" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "csv" -d 'Update questions by id and create new ones from the rows of a CSV file'
complete -c qbank -n "__fish_qbank_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "xlsx" -d 'Update questions by id and create new ones from the rows of an Excel workbook'
complete -c qbank -n "__fish_qbank_using_subcommand import; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c qbank -n "__fish_qbank_using_subcommand coverage" -l bank -d 'The bank folder, as an option (the same as the BANK operand)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand coverage" -l format -d 'Output format' -r -f -a "human\t'An aligned table'
json\t'One JSON document'
markdown\t'A Markdown table, for a pull-request comment'"
complete -c qbank -n "__fish_qbank_using_subcommand coverage" -l by -d 'The matrices to print, in order (comma-separated) [default: topic, and competency when the bank has a competencies.yaml]' -r -f -a "topic\t'Topic × level, against topics.yaml\'s minimums'
competency\t'Competency × level, against competencies.yaml\'s minimums'
kind\t'Kind × level'"
complete -c qbank -n "__fish_qbank_using_subcommand coverage" -l cross -d 'One more matrix whose rows cross these dimensions (comma-separated), level by level: `--cross topic,kind` counts each topic\'s questions of each kind at each level, and `--cross topic,kind,competency` the whole cube. Printed after the `--by` matrices (alone when `--by` is not given); the JSON output always holds the whole cube' -r -f -a "topic\t'Topic × level, against topics.yaml\'s minimums'
competency\t'Competency × level, against competencies.yaml\'s minimums'
kind\t'Kind × level'"
complete -c qbank -n "__fish_qbank_using_subcommand coverage" -l color -d 'Colours in human output' -r -f -a "auto\t''
always\t''
never\t''"
complete -c qbank -n "__fish_qbank_using_subcommand coverage" -l fail-on-gap -d 'Exit with 1 when a topic (or competency) is below its minimum at some level (the report is printed either way)'
complete -c qbank -n "__fish_qbank_using_subcommand coverage" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c qbank -n "__fish_qbank_using_subcommand fmt" -l bank -d 'A bank folder, as an option (the same as naming it among the PATHS)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand fmt" -l check -d 'Write nothing; print the changes as a diff and exit with 1 when a file is not formatted'
complete -c qbank -n "__fish_qbank_using_subcommand fmt" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand init" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand new" -l text -d 'The question, as the interviewer asks it' -r
complete -c qbank -n "__fish_qbank_using_subcommand new" -l topic -d 'The topic id, one of topics.yaml\'s' -r
complete -c qbank -n "__fish_qbank_using_subcommand new" -l levels -d 'The levels it suits (comma-separated: junior, mid, senior, staff)' -r -f -a "junior\t''
mid\t''
senior\t''
staff\t''"
complete -c qbank -n "__fish_qbank_using_subcommand new" -l kind -d 'What sort of answer it asks for' -r -f -a "concept\t''
experience\t''
tooling\t''
scenario\t''
behavioral\t''"
complete -c qbank -n "__fish_qbank_using_subcommand new" -l minutes -d 'Minutes it takes in an interview' -r
complete -c qbank -n "__fish_qbank_using_subcommand new" -l title -d 'A short title for scorecards and tables (one line, at most 60 characters)' -r
complete -c qbank -n "__fish_qbank_using_subcommand new" -l competencies -d 'The one or two competencies it measures (comma-separated ids from competencies.yaml)' -r
complete -c qbank -n "__fish_qbank_using_subcommand new" -l id -d 'The id and file name [default: the first words of the text, in kebab-case, made unique in the bank]' -r
complete -c qbank -n "__fish_qbank_using_subcommand new" -l bank -d 'The bank folder (holding topics.yaml)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand new" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand stats" -l bank -d 'The bank folder, as an option (the same as the BANK operand)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand stats" -l format -d 'Output format' -r -f -a "human\t''
json\t''"
complete -c qbank -n "__fish_qbank_using_subcommand stats" -l stale-after -d 'A question is due for review when its `reviewed` date (or else its last change in git) is older than this many days' -r
complete -c qbank -n "__fish_qbank_using_subcommand stats" -l today -d 'The date to count from, YYYY-MM-DD [default: SOURCE_DATE_EPOCH, or today]' -r
complete -c qbank -n "__fish_qbank_using_subcommand stats" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand similar" -l id -d 'A question of the bank, by id, instead of a text' -r
complete -c qbank -n "__fish_qbank_using_subcommand similar" -l bank -d 'The bank folder (holding topics.yaml)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand similar" -s n -l limit -d 'How many questions to show at most' -r
complete -c qbank -n "__fish_qbank_using_subcommand similar" -l format -d 'Output format' -r -f -a "human\t''
json\t''"
complete -c qbank -n "__fish_qbank_using_subcommand similar" -l config -d 'Read the near-duplicate threshold from this file instead of the qbank.toml found from the bank folder up' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand similar" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand model; and not __fish_seen_subcommand_from fetch path help" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand model; and not __fish_seen_subcommand_from fetch path help" -f -a "fetch" -d 'Download the model the bank names (qbank.toml `[model] name`, else all-MiniLM-L6-v2) or --model into the user cache folder (or --dir), checked against pinned SHA-256 sums'
complete -c qbank -n "__fish_qbank_using_subcommand model; and not __fish_seen_subcommand_from fetch path help" -f -a "path" -d 'Say which model folder qbank uses for a bank, and why, and check its files'
complete -c qbank -n "__fish_qbank_using_subcommand model; and not __fish_seen_subcommand_from fetch path help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c qbank -n "__fish_qbank_using_subcommand model; and __fish_seen_subcommand_from fetch" -l model -d 'Which model: all-MiniLM-L6-v2 (fast) or all-mpnet-base-v2 (closer to meaning, eight times the cost) [default: the one the bank\'s qbank.toml names in `[model] name`, else all-MiniLM-L6-v2]' -r -f -a "all-MiniLM-L6-v2\t''
all-mpnet-base-v2\t''"
complete -c qbank -n "__fish_qbank_using_subcommand model; and __fish_seen_subcommand_from fetch" -l bank -d 'The bank folder whose qbank.toml may name the model' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand model; and __fish_seen_subcommand_from fetch" -l config -d 'Read this file instead of the qbank.toml found from the bank folder up' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand model; and __fish_seen_subcommand_from fetch" -l dir -d 'Where to put the model (default: qbank/models/NAME in the user cache folder)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand model; and __fish_seen_subcommand_from fetch" -l from -d 'A folder or a base URL to copy the files from instead of the public hub' -r
complete -c qbank -n "__fish_qbank_using_subcommand model; and __fish_seen_subcommand_from fetch" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand model; and __fish_seen_subcommand_from path" -l bank -d 'The bank folder (its qbank.toml may name a model folder)' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand model; and __fish_seen_subcommand_from path" -l config -d 'Read this file instead of the qbank.toml found from the bank folder up' -r -F
complete -c qbank -n "__fish_qbank_using_subcommand model; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand model; and __fish_seen_subcommand_from help" -f -a "fetch" -d 'Download the model the bank names (qbank.toml `[model] name`, else all-MiniLM-L6-v2) or --model into the user cache folder (or --dir), checked against pinned SHA-256 sums'
complete -c qbank -n "__fish_qbank_using_subcommand model; and __fish_seen_subcommand_from help" -f -a "path" -d 'Say which model folder qbank uses for a bank, and why, and check its files'
complete -c qbank -n "__fish_qbank_using_subcommand model; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c qbank -n "__fish_qbank_using_subcommand completions" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand man" -s h -l help -d 'Print help'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "lint" -d 'Check a bank: YAML syntax, schemas, ids, topics, duplicates'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "rule" -d 'Print the documentation of a lint rule'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "kit" -d 'Interview kits: list them, show a kit\'s questions, print it to PDF'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "loop" -d 'Interview loops: list them, show who asks what, print every interviewer\'s kit and the debrief sheet'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "export" -d 'Write the bank as CSV for spreadsheets, JSON for other tools, or Markdown'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "import" -d 'Read questions back into the bank from a spreadsheet'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "coverage" -d 'Print the topic × level matrix of active questions against topics.yaml\'s minimums'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "fmt" -d 'Rewrite question, topic and kit files in the canonical layout, keeping comments'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "init" -d 'Start a bank: example topics, questions and kit, qbank.toml, a pull-request workflow and pre-commit hooks; never overwrites a file'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "new" -d 'Start a question file: id, folder and schema line filled in, rubric lists to fill'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "stats" -d 'Counts by topic, level, kind and status; rubric gaps; questions due for review'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "similar" -d 'The active questions closest to a text or to a question, with scores and shared subjects'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "model" -d 'The sentence-embedding model that finds near duplicates by meaning: fetch it, show it'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "man" -d 'Print the man page (roff)'
complete -c qbank -n "__fish_qbank_using_subcommand help; and not __fish_seen_subcommand_from lint rule kit loop export import coverage fmt init new stats similar model completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c qbank -n "__fish_qbank_using_subcommand help; and __fish_seen_subcommand_from kit" -f -a "list" -d 'List the kits of a bank, and whether each can be drawn'
complete -c qbank -n "__fish_qbank_using_subcommand help; and __fish_seen_subcommand_from kit" -f -a "show" -d 'Print the questions a kit draws, in kit order'
complete -c qbank -n "__fish_qbank_using_subcommand help; and __fish_seen_subcommand_from kit" -f -a "build" -d 'Write a kit as a printable PDF, or as a DOCX to edit in Word or LibreOffice'
complete -c qbank -n "__fish_qbank_using_subcommand help; and __fish_seen_subcommand_from loop" -f -a "list" -d 'List the loops of a bank, and whether each can be drawn'
complete -c qbank -n "__fish_qbank_using_subcommand help; and __fish_seen_subcommand_from loop" -f -a "show" -d 'Print each interview\'s questions and which interview covers which competency'
complete -c qbank -n "__fish_qbank_using_subcommand help; and __fish_seen_subcommand_from loop" -f -a "build" -d 'Write every interviewer\'s kit and the debrief sheet into a folder'
complete -c qbank -n "__fish_qbank_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "csv" -d 'One row per question, lists one item per line in a cell'
complete -c qbank -n "__fish_qbank_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "xlsx" -d 'An Excel workbook: drop-down lists for the closed fields, frozen header, one row per question'
complete -c qbank -n "__fish_qbank_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "json" -d 'The whole bank (topics, questions, kits) as one JSON document'
complete -c qbank -n "__fish_qbank_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "html" -d 'One self-contained web page to browse the bank: filters, search as you type, kits and loops; no network needed'
complete -c qbank -n "__fish_qbank_using_subcommand help; and __fish_seen_subcommand_from export" -f -a "md" -d 'A Markdown page of the bank: topics as sections, questions with follow-ups and rubric'
complete -c qbank -n "__fish_qbank_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "csv" -d 'Update questions by id and create new ones from the rows of a CSV file'
complete -c qbank -n "__fish_qbank_using_subcommand help; and __fish_seen_subcommand_from import" -f -a "xlsx" -d 'Update questions by id and create new ones from the rows of an Excel workbook'
complete -c qbank -n "__fish_qbank_using_subcommand help; and __fish_seen_subcommand_from model" -f -a "fetch" -d 'Download the model the bank names (qbank.toml `[model] name`, else all-MiniLM-L6-v2) or --model into the user cache folder (or --dir), checked against pinned SHA-256 sums'
complete -c qbank -n "__fish_qbank_using_subcommand help; and __fish_seen_subcommand_from model" -f -a "path" -d 'Say which model folder qbank uses for a bank, and why, and check its files'
