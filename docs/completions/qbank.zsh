#compdef qbank

autoload -U is-at-least

_qbank() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_qbank_commands" \
"*::: :->qbank" \
&& ret=0
    case $state in
    (qbank)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-command-$line[1]:"
        case $line[1] in
            (lint)
_arguments "${_arguments_options[@]}" : \
'()--bank=[The bank folder, as an option (the same as the BANK operand)]:DIR:_files' \
'--format=[Output format \[default\: human, or github when GITHUB_ACTIONS=true\]]:FORMAT:((human\:"Code snippets with the place underlined (default on a terminal)"
json\:"One JSON document with a \`diagnostics\` array"
github\:"GitHub Actions annotations (default when GITHUB_ACTIONS=true)"
sarif\:"SARIF 2.1.0 for code scanning"))' \
'*--select=[Only run these rules (comma-separated names)]:SELECT:_default' \
'*--ignore=[Do not run these rules (comma-separated names)]:IGNORE:_default' \
'--config=[Read settings from this file instead of the qbank.toml found from the bank folder up]:FILE:_files' \
'--changed-since=[Only report findings on files changed since this git ref (as in a pull request\: the ref...HEAD diff, plus uncommitted and untracked files); the whole bank is still checked]:GIT-REF:_default' \
'--color=[Colours in human output]:COLOR:(auto always never)' \
'--deny-warnings[Exit with 1 on warnings too \[default\: \`\[lint\] deny-warnings\` in qbank.toml, or false\]]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'::bank_operand -- The bank folder (holding topics.yaml) \[default\: questions\]:_files' \
&& ret=0
;;
(rule)
_arguments "${_arguments_options[@]}" : \
'()--all[Print every rule'\''s documentation]' \
'-h[Print help]' \
'--help[Print help]' \
'::name -- The rule'\''s name, e.g. duplicate-id:_default' \
&& ret=0
;;
(kit)
_arguments "${_arguments_options[@]}" : \
'-h[Print help]' \
'--help[Print help]' \
":: :_qbank__subcmd__kit_commands" \
"*::: :->kit" \
&& ret=0

    case $state in
    (kit)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-kit-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
'()--bank=[The bank folder, as an option (the same as the BANK operand)]:DIR:_files' \
'--format=[Output format]:FORMAT:((human\:"Text for people"
json\:"One JSON document"))' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'::bank_operand -- The bank folder (holding topics.yaml) \[default\: questions\]:_files' \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
'--bank=[The bank folder (holding topics.yaml)]:DIR:_files' \
'--format=[Output format]:FORMAT:((human\:"Text for people"
json\:"One JSON document"))' \
'--allow-near-duplicates[Let near-duplicate questions share the kit (similar_to pairs are still kept apart)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'::kit -- The kit'\''s id\: the name of a file in <bank>/kits/ without .yaml (none\: list the kits):_default' \
&& ret=0
;;
(build)
_arguments "${_arguments_options[@]}" : \
'--bank=[The bank folder (holding topics.yaml)]:DIR:_files' \
'-o+[Where to write the file; \`-\` for standard output \[default\: <kit>.pdf, or <kit>-candidate.pdf for the candidate edition; .docx for --format docx\]]:FILE:_files' \
'--out=[Where to write the file; \`-\` for standard output \[default\: <kit>.pdf, or <kit>-candidate.pdf for the candidate edition; .docx for --format docx\]]:FILE:_files' \
'--candidate=[The candidate'\''s name, printed on every page]:NAME:_default' \
'--interviewer=[The interviewer'\''s name]:NAME:_default' \
'--date=[The interview date, YYYY-MM-DD \[default\: from SOURCE_DATE_EPOCH, else left blank to fill in\]]:DATE:_default' \
'--edition=[Which edition to print \[default\: the kit'\''s \`edition\`, else interviewer\]]:EDITION:((interviewer\:"Everything\: rubric, red flags, rating rows, notes and the scorecard"
candidate\:"The questions and room to answer, for a handout or a take-home sheet"))' \
'--paper=[Paper size]:PAPER:((a4\:"210 x 297 mm"
letter\:"US Letter, 8.5 x 11 in"))' \
'--format=[File format]:FORMAT:((pdf\:"A PDF to print"
docx\:"A Word document to edit before printing, in Word or LibreOffice"))' \
'--layout=[Page layout \[default\: the kit'\''s \`layout\`, else standard\]]:LAYOUT:((standard\:"A question to a page with room for notes; instructions and rating scale first"
compact\:"Two or three questions to a page, for screens; the scorecard follows the questions"))' \
'--allow-near-duplicates[Let near-duplicate questions share the kit (similar_to pairs are still kept apart)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'::kit -- The kit'\''s id\: the name of a file in <bank>/kits/ without .yaml (none\: list the kits):_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_qbank__subcmd__kit__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-kit-help-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(build)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(loop)
_arguments "${_arguments_options[@]}" : \
'-h[Print help]' \
'--help[Print help]' \
":: :_qbank__subcmd__loop_commands" \
"*::: :->loop" \
&& ret=0

    case $state in
    (loop)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-loop-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
'()--bank=[The bank folder, as an option (the same as the BANK operand)]:DIR:_files' \
'--format=[Output format]:FORMAT:((human\:"Text for people"
json\:"One JSON document"))' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'::bank_operand -- The bank folder (holding topics.yaml) \[default\: questions\]:_files' \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
'--bank=[The bank folder (holding topics.yaml)]:DIR:_files' \
'--format=[Output format]:FORMAT:((human\:"Text for people"
json\:"One JSON document"))' \
'--allow-near-duplicates[Let near-duplicate questions share the kit (similar_to pairs are still kept apart)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':id -- The loop'\''s id\: the name of a file in <bank>/loops/ without .yaml:_default' \
&& ret=0
;;
(build)
_arguments "${_arguments_options[@]}" : \
'--bank=[The bank folder (holding topics.yaml)]:DIR:_files' \
'-o+[The folder to write into (created if missing)\: <n>-<kit>.pdf per interview and debrief.pdf]:DIR:_files' \
'--out=[The folder to write into (created if missing)\: <n>-<kit>.pdf per interview and debrief.pdf]:DIR:_files' \
'--candidate=[The candidate'\''s name, printed on every page]:NAME:_default' \
'--date=[The date of the loop, YYYY-MM-DD \[default\: from SOURCE_DATE_EPOCH, else left blank to fill in\]]:DATE:_default' \
'--paper=[Paper size]:PAPER:((a4\:"210 x 297 mm"
letter\:"US Letter, 8.5 x 11 in"))' \
'--format=[File format]:FORMAT:((pdf\:"A PDF to print"
docx\:"A Word document to edit before printing, in Word or LibreOffice"))' \
'--layout=[Page layout of every kit \[default\: each kit'\''s \`layout\`, else standard\]]:LAYOUT:((standard\:"A question to a page with room for notes; instructions and rating scale first"
compact\:"Two or three questions to a page, for screens; the scorecard follows the questions"))' \
'--allow-near-duplicates[Let near-duplicate questions share the kit (similar_to pairs are still kept apart)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
':id -- The loop'\''s id\: the name of a file in <bank>/loops/ without .yaml:_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_qbank__subcmd__loop__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-loop-help-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(build)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(export)
_arguments "${_arguments_options[@]}" : \
'-h[Print help]' \
'--help[Print help]' \
":: :_qbank__subcmd__export_commands" \
"*::: :->export" \
&& ret=0

    case $state in
    (export)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-export-command-$line[1]:"
        case $line[1] in
            (csv)
_arguments "${_arguments_options[@]}" : \
'()--bank=[The bank folder, as an option (the same as the BANK operand)]:DIR:_files' \
'--kit=[Only the questions of this kit]:KIT:_default' \
'-o+[Write to this file (replaced at once, never left half-written); \`-\` or none\: standard output]:FILE:_files' \
'--out=[Write to this file (replaced at once, never left half-written); \`-\` or none\: standard output]:FILE:_files' \
'*--columns=[The columns, in order (comma-separated; \`all\` for every column) \[default\: id,topic, levels,kind,minutes,text,follow_ups,strong,red_flags,tags,status,source,revision, and title, competencies, expect, anchor_1..anchor_4, level_anchors where a question uses them; also\: similar_to, reviewed\]. With id, revision is always added\: import uses it to refuse rows whose question changed since the export]:COLUMNS:_default' \
'--excel[For Excel\: a UTF-8 byte-order mark and CRLF line ends]' \
'-h[Print help]' \
'--help[Print help]' \
'::bank_operand -- The bank folder (holding topics.yaml) \[default\: questions\]:_files' \
&& ret=0
;;
(xlsx)
_arguments "${_arguments_options[@]}" : \
'()--bank=[The bank folder, as an option (the same as the BANK operand)]:DIR:_files' \
'--kit=[Only the questions of this kit]:KIT:_default' \
'-o+[Write to this file (replaced at once, never left half-written); \`-\` or none\: standard output]:FILE:_files' \
'--out=[Write to this file (replaced at once, never left half-written); \`-\` or none\: standard output]:FILE:_files' \
'*--columns=[The columns, in order (comma-separated; \`all\` for every column) \[default\: as for CSV\]]:COLUMNS:_default' \
'-h[Print help]' \
'--help[Print help]' \
'::bank_operand -- The bank folder (holding topics.yaml) \[default\: questions\]:_files' \
&& ret=0
;;
(json)
_arguments "${_arguments_options[@]}" : \
'()--bank=[The bank folder, as an option (the same as the BANK operand)]:DIR:_files' \
'--kit=[Only the questions of this kit]:KIT:_default' \
'-o+[Write to this file (replaced at once, never left half-written); \`-\` or none\: standard output]:FILE:_files' \
'--out=[Write to this file (replaced at once, never left half-written); \`-\` or none\: standard output]:FILE:_files' \
'-h[Print help]' \
'--help[Print help]' \
'::bank_operand -- The bank folder (holding topics.yaml) \[default\: questions\]:_files' \
&& ret=0
;;
(html)
_arguments "${_arguments_options[@]}" : \
'()--bank=[The bank folder, as an option (the same as the BANK operand)]:DIR:_files' \
'-o+[The folder to write index.html to (made if missing), a file name ending in .html, or \`-\` for standard output]:DIR:_files' \
'--out=[The folder to write index.html to (made if missing), a file name ending in .html, or \`-\` for standard output]:DIR:_files' \
'--title=[The page'\''s title \[default\: Question bank\]]:TITLE:_default' \
'-h[Print help]' \
'--help[Print help]' \
'::bank_operand -- The bank folder (holding topics.yaml) \[default\: questions\]:_files' \
&& ret=0
;;
(md)
_arguments "${_arguments_options[@]}" : \
'()--bank=[The bank folder, as an option (the same as the BANK operand)]:DIR:_files' \
'--kit=[Only the questions of this kit]:KIT:_default' \
'-o+[Write to this file (replaced at once, never left half-written); \`-\` or none\: standard output]:FILE:_files' \
'--out=[Write to this file (replaced at once, never left half-written); \`-\` or none\: standard output]:FILE:_files' \
'-h[Print help]' \
'--help[Print help]' \
'::bank_operand -- The bank folder (holding topics.yaml) \[default\: questions\]:_files' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_qbank__subcmd__export__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-export-help-command-$line[1]:"
        case $line[1] in
            (csv)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(xlsx)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(json)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(html)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(md)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(import)
_arguments "${_arguments_options[@]}" : \
'-h[Print help]' \
'--help[Print help]' \
":: :_qbank__subcmd__import_commands" \
"*::: :->import" \
&& ret=0

    case $state in
    (import)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-import-command-$line[1]:"
        case $line[1] in
            (csv)
_arguments "${_arguments_options[@]}" : \
'--bank=[The bank folder (holding topics.yaml)]:DIR:_files' \
'--dry-run[Print what would change, write nothing]' \
'--force[Import rows whose question changed in the bank since the export (their revision differs), overwriting those changes]' \
'-h[Print help]' \
'--help[Print help]' \
':file -- The file, as written by `qbank export` or saved by a spreadsheet:_files' \
&& ret=0
;;
(xlsx)
_arguments "${_arguments_options[@]}" : \
'--bank=[The bank folder (holding topics.yaml)]:DIR:_files' \
'--dry-run[Print what would change, write nothing]' \
'--force[Import rows whose question changed in the bank since the export (their revision differs), overwriting those changes]' \
'-h[Print help]' \
'--help[Print help]' \
':file -- The file, as written by `qbank export` or saved by a spreadsheet:_files' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_qbank__subcmd__import__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-import-help-command-$line[1]:"
        case $line[1] in
            (csv)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(xlsx)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(coverage)
_arguments "${_arguments_options[@]}" : \
'()--bank=[The bank folder, as an option (the same as the BANK operand)]:DIR:_files' \
'--format=[Output format]:FORMAT:((human\:"An aligned table"
json\:"One JSON document"
markdown\:"A Markdown table, for a pull-request comment"))' \
'*--by=[The matrices to print, in order (comma-separated) \[default\: topic, and competency when the bank has a competencies.yaml\]]:BY:((topic\:"Topic × level, against topics.yaml'\''s minimums"
competency\:"Competency × level, against competencies.yaml'\''s minimums"
kind\:"Kind × level"))' \
'*--cross=[One more matrix whose rows cross these dimensions (comma-separated), level by level\: \`--cross topic,kind\` counts each topic'\''s questions of each kind at each level, and \`--cross topic,kind,competency\` the whole cube. Printed after the \`--by\` matrices (alone when \`--by\` is not given); the JSON output always holds the whole cube]:CROSS:((topic\:"Topic × level, against topics.yaml'\''s minimums"
competency\:"Competency × level, against competencies.yaml'\''s minimums"
kind\:"Kind × level"))' \
'--color=[Colours in human output]:COLOR:(auto always never)' \
'--fail-on-gap[Exit with 1 when a topic (or competency) is below its minimum at some level (the report is printed either way)]' \
'-h[Print help (see more with '\''--help'\'')]' \
'--help[Print help (see more with '\''--help'\'')]' \
'::bank_operand -- The bank folder (holding topics.yaml) \[default\: questions\]:_files' \
&& ret=0
;;
(fmt)
_arguments "${_arguments_options[@]}" : \
'*--bank=[A bank folder, as an option (the same as naming it among the PATHS)]:DIR:_files' \
'--check[Write nothing; print the changes as a diff and exit with 1 when a file is not formatted]' \
'-h[Print help]' \
'--help[Print help]' \
'*::paths -- Bank folders, folders inside a bank, or files; YAML files outside any bank (no topics.yaml in their folder or above) are skipped \[default\: questions\]:_files' \
&& ret=0
;;
(init)
_arguments "${_arguments_options[@]}" : \
'-h[Print help]' \
'--help[Print help]' \
'::dir -- The repository folder to start the bank in (the bank goes to DIR/questions):_files' \
&& ret=0
;;
(new)
_arguments "${_arguments_options[@]}" : \
'--text=[The question, as the interviewer asks it]:TEXT:_default' \
'--topic=[The topic id, one of topics.yaml'\''s]:TOPIC:_default' \
'*--levels=[The levels it suits (comma-separated\: junior, mid, senior, staff)]:LEVELS:(junior mid senior staff)' \
'--kind=[What sort of answer it asks for]:KIND:(concept experience tooling scenario behavioral)' \
'--minutes=[Minutes it takes in an interview]:MINUTES:_default' \
'--title=[A short title for scorecards and tables (one line, at most 60 characters)]:TITLE:_default' \
'*--competencies=[The one or two competencies it measures (comma-separated ids from competencies.yaml)]:COMPETENCIES:_default' \
'--id=[The id and file name \[default\: the first words of the text, in kebab-case, made unique in the bank\]]:ID:_default' \
'--bank=[The bank folder (holding topics.yaml)]:DIR:_files' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(stats)
_arguments "${_arguments_options[@]}" : \
'()--bank=[The bank folder, as an option (the same as the BANK operand)]:DIR:_files' \
'--format=[Output format]:FORMAT:(human json)' \
'--stale-after=[A question is due for review when its \`reviewed\` date (or else its last change in git) is older than this many days]:DAYS:_default' \
'--today=[The date to count from, YYYY-MM-DD \[default\: SOURCE_DATE_EPOCH, or today\]]:DATE:_default' \
'-h[Print help]' \
'--help[Print help]' \
'::bank_operand -- The bank folder (holding topics.yaml) \[default\: questions\]:_files' \
&& ret=0
;;
(similar)
_arguments "${_arguments_options[@]}" : \
'--id=[A question of the bank, by id, instead of a text]:ID:_default' \
'--bank=[The bank folder (holding topics.yaml)]:DIR:_files' \
'-n+[How many questions to show at most]:LIMIT:_default' \
'--limit=[How many questions to show at most]:LIMIT:_default' \
'--format=[Output format]:FORMAT:(human json)' \
'--config=[Read the near-duplicate threshold from this file instead of the qbank.toml found from the bank folder up]:FILE:_files' \
'-h[Print help]' \
'--help[Print help]' \
'::text -- The text of a question, for instance one you are about to add:_default' \
&& ret=0
;;
(model)
_arguments "${_arguments_options[@]}" : \
'-h[Print help]' \
'--help[Print help]' \
":: :_qbank__subcmd__model_commands" \
"*::: :->model" \
&& ret=0

    case $state in
    (model)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-model-command-$line[1]:"
        case $line[1] in
            (fetch)
_arguments "${_arguments_options[@]}" : \
'--model=[Which model\: all-MiniLM-L6-v2 (fast) or all-mpnet-base-v2 (closer to meaning, eight times the cost) \[default\: the one the bank'\''s qbank.toml names in \`\[model\] name\`, else all-MiniLM-L6-v2\]]:MODEL:(all-MiniLM-L6-v2 all-mpnet-base-v2)' \
'--bank=[The bank folder whose qbank.toml may name the model]:BANK:_files' \
'--config=[Read this file instead of the qbank.toml found from the bank folder up]:FILE:_files' \
'--dir=[Where to put the model (default\: qbank/models/NAME in the user cache folder)]:DIR:_files' \
'--from=[A folder or a base URL to copy the files from instead of the public hub]:DIR|URL:_default' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(path)
_arguments "${_arguments_options[@]}" : \
'--bank=[The bank folder (its qbank.toml may name a model folder)]:BANK:_files' \
'--config=[Read this file instead of the qbank.toml found from the bank folder up]:FILE:_files' \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_qbank__subcmd__model__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-model-help-command-$line[1]:"
        case $line[1] in
            (fetch)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(path)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(completions)
_arguments "${_arguments_options[@]}" : \
'-h[Print help]' \
'--help[Print help]' \
':shell -- The shell:(bash elvish fish powershell zsh)' \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
'-h[Print help]' \
'--help[Print help]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_qbank__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-help-command-$line[1]:"
        case $line[1] in
            (lint)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rule)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(kit)
_arguments "${_arguments_options[@]}" : \
":: :_qbank__subcmd__help__subcmd__kit_commands" \
"*::: :->kit" \
&& ret=0

    case $state in
    (kit)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-help-kit-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(build)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(loop)
_arguments "${_arguments_options[@]}" : \
":: :_qbank__subcmd__help__subcmd__loop_commands" \
"*::: :->loop" \
&& ret=0

    case $state in
    (loop)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-help-loop-command-$line[1]:"
        case $line[1] in
            (list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(show)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(build)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(export)
_arguments "${_arguments_options[@]}" : \
":: :_qbank__subcmd__help__subcmd__export_commands" \
"*::: :->export" \
&& ret=0

    case $state in
    (export)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-help-export-command-$line[1]:"
        case $line[1] in
            (csv)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(xlsx)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(json)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(html)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(md)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(import)
_arguments "${_arguments_options[@]}" : \
":: :_qbank__subcmd__help__subcmd__import_commands" \
"*::: :->import" \
&& ret=0

    case $state in
    (import)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-help-import-command-$line[1]:"
        case $line[1] in
            (csv)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(xlsx)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(coverage)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(fmt)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(init)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(new)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(stats)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(similar)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(model)
_arguments "${_arguments_options[@]}" : \
":: :_qbank__subcmd__help__subcmd__model_commands" \
"*::: :->model" \
&& ret=0

    case $state in
    (model)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:qbank-help-model-command-$line[1]:"
        case $line[1] in
            (fetch)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(path)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(completions)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(man)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_qbank_commands] )) ||
_qbank_commands() {
    local commands; commands=(
'lint:Check a bank\: YAML syntax, schemas, ids, topics, duplicates' \
'rule:Print the documentation of a lint rule' \
'kit:Interview kits\: list them, show a kit'\''s questions, print it to PDF' \
'loop:Interview loops\: list them, show who asks what, print every interviewer'\''s kit and the debrief sheet' \
'export:Write the bank as CSV for spreadsheets, JSON for other tools, or Markdown' \
'import:Read questions back into the bank from a spreadsheet' \
'coverage:Print the topic × level matrix of active questions against topics.yaml'\''s minimums' \
'fmt:Rewrite question, topic and kit files in the canonical layout, keeping comments' \
'init:Start a bank\: example topics, questions and kit, qbank.toml, a pull-request workflow and pre-commit hooks; never overwrites a file' \
'new:Start a question file\: id, folder and schema line filled in, rubric lists to fill' \
'stats:Counts by topic, level, kind and status; rubric gaps; questions due for review' \
'similar:The active questions closest to a text or to a question, with scores and shared subjects' \
'model:The sentence-embedding model that finds near duplicates by meaning\: fetch it, show it' \
'completions:Print a shell completion script (bash, zsh, fish, elvish, powershell)' \
'man:Print the man page (roff)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'qbank commands' commands "$@"
}
(( $+functions[_qbank__subcmd__completions_commands] )) ||
_qbank__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'qbank completions commands' commands "$@"
}
(( $+functions[_qbank__subcmd__coverage_commands] )) ||
_qbank__subcmd__coverage_commands() {
    local commands; commands=()
    _describe -t commands 'qbank coverage commands' commands "$@"
}
(( $+functions[_qbank__subcmd__export_commands] )) ||
_qbank__subcmd__export_commands() {
    local commands; commands=(
'csv:One row per question, lists one item per line in a cell' \
'xlsx:An Excel workbook\: drop-down lists for the closed fields, frozen header, one row per question' \
'json:The whole bank (topics, questions, kits) as one JSON document' \
'html:One self-contained web page to browse the bank\: filters, search as you type, kits and loops; no network needed' \
'md:A Markdown page of the bank\: topics as sections, questions with follow-ups and rubric' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'qbank export commands' commands "$@"
}
(( $+functions[_qbank__subcmd__export__subcmd__csv_commands] )) ||
_qbank__subcmd__export__subcmd__csv_commands() {
    local commands; commands=()
    _describe -t commands 'qbank export csv commands' commands "$@"
}
(( $+functions[_qbank__subcmd__export__subcmd__help_commands] )) ||
_qbank__subcmd__export__subcmd__help_commands() {
    local commands; commands=(
'csv:One row per question, lists one item per line in a cell' \
'xlsx:An Excel workbook\: drop-down lists for the closed fields, frozen header, one row per question' \
'json:The whole bank (topics, questions, kits) as one JSON document' \
'html:One self-contained web page to browse the bank\: filters, search as you type, kits and loops; no network needed' \
'md:A Markdown page of the bank\: topics as sections, questions with follow-ups and rubric' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'qbank export help commands' commands "$@"
}
(( $+functions[_qbank__subcmd__export__subcmd__help__subcmd__csv_commands] )) ||
_qbank__subcmd__export__subcmd__help__subcmd__csv_commands() {
    local commands; commands=()
    _describe -t commands 'qbank export help csv commands' commands "$@"
}
(( $+functions[_qbank__subcmd__export__subcmd__help__subcmd__help_commands] )) ||
_qbank__subcmd__export__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'qbank export help help commands' commands "$@"
}
(( $+functions[_qbank__subcmd__export__subcmd__help__subcmd__html_commands] )) ||
_qbank__subcmd__export__subcmd__help__subcmd__html_commands() {
    local commands; commands=()
    _describe -t commands 'qbank export help html commands' commands "$@"
}
(( $+functions[_qbank__subcmd__export__subcmd__help__subcmd__json_commands] )) ||
_qbank__subcmd__export__subcmd__help__subcmd__json_commands() {
    local commands; commands=()
    _describe -t commands 'qbank export help json commands' commands "$@"
}
(( $+functions[_qbank__subcmd__export__subcmd__help__subcmd__md_commands] )) ||
_qbank__subcmd__export__subcmd__help__subcmd__md_commands() {
    local commands; commands=()
    _describe -t commands 'qbank export help md commands' commands "$@"
}
(( $+functions[_qbank__subcmd__export__subcmd__help__subcmd__xlsx_commands] )) ||
_qbank__subcmd__export__subcmd__help__subcmd__xlsx_commands() {
    local commands; commands=()
    _describe -t commands 'qbank export help xlsx commands' commands "$@"
}
(( $+functions[_qbank__subcmd__export__subcmd__html_commands] )) ||
_qbank__subcmd__export__subcmd__html_commands() {
    local commands; commands=()
    _describe -t commands 'qbank export html commands' commands "$@"
}
(( $+functions[_qbank__subcmd__export__subcmd__json_commands] )) ||
_qbank__subcmd__export__subcmd__json_commands() {
    local commands; commands=()
    _describe -t commands 'qbank export json commands' commands "$@"
}
(( $+functions[_qbank__subcmd__export__subcmd__md_commands] )) ||
_qbank__subcmd__export__subcmd__md_commands() {
    local commands; commands=()
    _describe -t commands 'qbank export md commands' commands "$@"
}
(( $+functions[_qbank__subcmd__export__subcmd__xlsx_commands] )) ||
_qbank__subcmd__export__subcmd__xlsx_commands() {
    local commands; commands=()
    _describe -t commands 'qbank export xlsx commands' commands "$@"
}
(( $+functions[_qbank__subcmd__fmt_commands] )) ||
_qbank__subcmd__fmt_commands() {
    local commands; commands=()
    _describe -t commands 'qbank fmt commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help_commands] )) ||
_qbank__subcmd__help_commands() {
    local commands; commands=(
'lint:Check a bank\: YAML syntax, schemas, ids, topics, duplicates' \
'rule:Print the documentation of a lint rule' \
'kit:Interview kits\: list them, show a kit'\''s questions, print it to PDF' \
'loop:Interview loops\: list them, show who asks what, print every interviewer'\''s kit and the debrief sheet' \
'export:Write the bank as CSV for spreadsheets, JSON for other tools, or Markdown' \
'import:Read questions back into the bank from a spreadsheet' \
'coverage:Print the topic × level matrix of active questions against topics.yaml'\''s minimums' \
'fmt:Rewrite question, topic and kit files in the canonical layout, keeping comments' \
'init:Start a bank\: example topics, questions and kit, qbank.toml, a pull-request workflow and pre-commit hooks; never overwrites a file' \
'new:Start a question file\: id, folder and schema line filled in, rubric lists to fill' \
'stats:Counts by topic, level, kind and status; rubric gaps; questions due for review' \
'similar:The active questions closest to a text or to a question, with scores and shared subjects' \
'model:The sentence-embedding model that finds near duplicates by meaning\: fetch it, show it' \
'completions:Print a shell completion script (bash, zsh, fish, elvish, powershell)' \
'man:Print the man page (roff)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'qbank help commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__completions_commands] )) ||
_qbank__subcmd__help__subcmd__completions_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help completions commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__coverage_commands] )) ||
_qbank__subcmd__help__subcmd__coverage_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help coverage commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__export_commands] )) ||
_qbank__subcmd__help__subcmd__export_commands() {
    local commands; commands=(
'csv:One row per question, lists one item per line in a cell' \
'xlsx:An Excel workbook\: drop-down lists for the closed fields, frozen header, one row per question' \
'json:The whole bank (topics, questions, kits) as one JSON document' \
'html:One self-contained web page to browse the bank\: filters, search as you type, kits and loops; no network needed' \
'md:A Markdown page of the bank\: topics as sections, questions with follow-ups and rubric' \
    )
    _describe -t commands 'qbank help export commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__export__subcmd__csv_commands] )) ||
_qbank__subcmd__help__subcmd__export__subcmd__csv_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help export csv commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__export__subcmd__html_commands] )) ||
_qbank__subcmd__help__subcmd__export__subcmd__html_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help export html commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__export__subcmd__json_commands] )) ||
_qbank__subcmd__help__subcmd__export__subcmd__json_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help export json commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__export__subcmd__md_commands] )) ||
_qbank__subcmd__help__subcmd__export__subcmd__md_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help export md commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__export__subcmd__xlsx_commands] )) ||
_qbank__subcmd__help__subcmd__export__subcmd__xlsx_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help export xlsx commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__fmt_commands] )) ||
_qbank__subcmd__help__subcmd__fmt_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help fmt commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__help_commands] )) ||
_qbank__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help help commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__import_commands] )) ||
_qbank__subcmd__help__subcmd__import_commands() {
    local commands; commands=(
'csv:Update questions by id and create new ones from the rows of a CSV file' \
'xlsx:Update questions by id and create new ones from the rows of an Excel workbook' \
    )
    _describe -t commands 'qbank help import commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__import__subcmd__csv_commands] )) ||
_qbank__subcmd__help__subcmd__import__subcmd__csv_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help import csv commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__import__subcmd__xlsx_commands] )) ||
_qbank__subcmd__help__subcmd__import__subcmd__xlsx_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help import xlsx commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__init_commands] )) ||
_qbank__subcmd__help__subcmd__init_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help init commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__kit_commands] )) ||
_qbank__subcmd__help__subcmd__kit_commands() {
    local commands; commands=(
'list:List the kits of a bank, and whether each can be drawn' \
'show:Print the questions a kit draws, in kit order' \
'build:Write a kit as a printable PDF, or as a DOCX to edit in Word or LibreOffice' \
    )
    _describe -t commands 'qbank help kit commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__kit__subcmd__build_commands] )) ||
_qbank__subcmd__help__subcmd__kit__subcmd__build_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help kit build commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__kit__subcmd__list_commands] )) ||
_qbank__subcmd__help__subcmd__kit__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help kit list commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__kit__subcmd__show_commands] )) ||
_qbank__subcmd__help__subcmd__kit__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help kit show commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__lint_commands] )) ||
_qbank__subcmd__help__subcmd__lint_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help lint commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__loop_commands] )) ||
_qbank__subcmd__help__subcmd__loop_commands() {
    local commands; commands=(
'list:List the loops of a bank, and whether each can be drawn' \
'show:Print each interview'\''s questions and which interview covers which competency' \
'build:Write every interviewer'\''s kit and the debrief sheet into a folder' \
    )
    _describe -t commands 'qbank help loop commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__loop__subcmd__build_commands] )) ||
_qbank__subcmd__help__subcmd__loop__subcmd__build_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help loop build commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__loop__subcmd__list_commands] )) ||
_qbank__subcmd__help__subcmd__loop__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help loop list commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__loop__subcmd__show_commands] )) ||
_qbank__subcmd__help__subcmd__loop__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help loop show commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__man_commands] )) ||
_qbank__subcmd__help__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help man commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__model_commands] )) ||
_qbank__subcmd__help__subcmd__model_commands() {
    local commands; commands=(
'fetch:Download the model the bank names (qbank.toml \`\[model\] name\`, else all-MiniLM-L6-v2) or --model into the user cache folder (or --dir), checked against pinned SHA-256 sums' \
'path:Say which model folder qbank uses for a bank, and why, and check its files' \
    )
    _describe -t commands 'qbank help model commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__model__subcmd__fetch_commands] )) ||
_qbank__subcmd__help__subcmd__model__subcmd__fetch_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help model fetch commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__model__subcmd__path_commands] )) ||
_qbank__subcmd__help__subcmd__model__subcmd__path_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help model path commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__new_commands] )) ||
_qbank__subcmd__help__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help new commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__rule_commands] )) ||
_qbank__subcmd__help__subcmd__rule_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help rule commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__similar_commands] )) ||
_qbank__subcmd__help__subcmd__similar_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help similar commands' commands "$@"
}
(( $+functions[_qbank__subcmd__help__subcmd__stats_commands] )) ||
_qbank__subcmd__help__subcmd__stats_commands() {
    local commands; commands=()
    _describe -t commands 'qbank help stats commands' commands "$@"
}
(( $+functions[_qbank__subcmd__import_commands] )) ||
_qbank__subcmd__import_commands() {
    local commands; commands=(
'csv:Update questions by id and create new ones from the rows of a CSV file' \
'xlsx:Update questions by id and create new ones from the rows of an Excel workbook' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'qbank import commands' commands "$@"
}
(( $+functions[_qbank__subcmd__import__subcmd__csv_commands] )) ||
_qbank__subcmd__import__subcmd__csv_commands() {
    local commands; commands=()
    _describe -t commands 'qbank import csv commands' commands "$@"
}
(( $+functions[_qbank__subcmd__import__subcmd__help_commands] )) ||
_qbank__subcmd__import__subcmd__help_commands() {
    local commands; commands=(
'csv:Update questions by id and create new ones from the rows of a CSV file' \
'xlsx:Update questions by id and create new ones from the rows of an Excel workbook' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'qbank import help commands' commands "$@"
}
(( $+functions[_qbank__subcmd__import__subcmd__help__subcmd__csv_commands] )) ||
_qbank__subcmd__import__subcmd__help__subcmd__csv_commands() {
    local commands; commands=()
    _describe -t commands 'qbank import help csv commands' commands "$@"
}
(( $+functions[_qbank__subcmd__import__subcmd__help__subcmd__help_commands] )) ||
_qbank__subcmd__import__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'qbank import help help commands' commands "$@"
}
(( $+functions[_qbank__subcmd__import__subcmd__help__subcmd__xlsx_commands] )) ||
_qbank__subcmd__import__subcmd__help__subcmd__xlsx_commands() {
    local commands; commands=()
    _describe -t commands 'qbank import help xlsx commands' commands "$@"
}
(( $+functions[_qbank__subcmd__import__subcmd__xlsx_commands] )) ||
_qbank__subcmd__import__subcmd__xlsx_commands() {
    local commands; commands=()
    _describe -t commands 'qbank import xlsx commands' commands "$@"
}
(( $+functions[_qbank__subcmd__init_commands] )) ||
_qbank__subcmd__init_commands() {
    local commands; commands=()
    _describe -t commands 'qbank init commands' commands "$@"
}
(( $+functions[_qbank__subcmd__kit_commands] )) ||
_qbank__subcmd__kit_commands() {
    local commands; commands=(
'list:List the kits of a bank, and whether each can be drawn' \
'show:Print the questions a kit draws, in kit order' \
'build:Write a kit as a printable PDF, or as a DOCX to edit in Word or LibreOffice' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'qbank kit commands' commands "$@"
}
(( $+functions[_qbank__subcmd__kit__subcmd__build_commands] )) ||
_qbank__subcmd__kit__subcmd__build_commands() {
    local commands; commands=()
    _describe -t commands 'qbank kit build commands' commands "$@"
}
(( $+functions[_qbank__subcmd__kit__subcmd__help_commands] )) ||
_qbank__subcmd__kit__subcmd__help_commands() {
    local commands; commands=(
'list:List the kits of a bank, and whether each can be drawn' \
'show:Print the questions a kit draws, in kit order' \
'build:Write a kit as a printable PDF, or as a DOCX to edit in Word or LibreOffice' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'qbank kit help commands' commands "$@"
}
(( $+functions[_qbank__subcmd__kit__subcmd__help__subcmd__build_commands] )) ||
_qbank__subcmd__kit__subcmd__help__subcmd__build_commands() {
    local commands; commands=()
    _describe -t commands 'qbank kit help build commands' commands "$@"
}
(( $+functions[_qbank__subcmd__kit__subcmd__help__subcmd__help_commands] )) ||
_qbank__subcmd__kit__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'qbank kit help help commands' commands "$@"
}
(( $+functions[_qbank__subcmd__kit__subcmd__help__subcmd__list_commands] )) ||
_qbank__subcmd__kit__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'qbank kit help list commands' commands "$@"
}
(( $+functions[_qbank__subcmd__kit__subcmd__help__subcmd__show_commands] )) ||
_qbank__subcmd__kit__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'qbank kit help show commands' commands "$@"
}
(( $+functions[_qbank__subcmd__kit__subcmd__list_commands] )) ||
_qbank__subcmd__kit__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'qbank kit list commands' commands "$@"
}
(( $+functions[_qbank__subcmd__kit__subcmd__show_commands] )) ||
_qbank__subcmd__kit__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'qbank kit show commands' commands "$@"
}
(( $+functions[_qbank__subcmd__lint_commands] )) ||
_qbank__subcmd__lint_commands() {
    local commands; commands=()
    _describe -t commands 'qbank lint commands' commands "$@"
}
(( $+functions[_qbank__subcmd__loop_commands] )) ||
_qbank__subcmd__loop_commands() {
    local commands; commands=(
'list:List the loops of a bank, and whether each can be drawn' \
'show:Print each interview'\''s questions and which interview covers which competency' \
'build:Write every interviewer'\''s kit and the debrief sheet into a folder' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'qbank loop commands' commands "$@"
}
(( $+functions[_qbank__subcmd__loop__subcmd__build_commands] )) ||
_qbank__subcmd__loop__subcmd__build_commands() {
    local commands; commands=()
    _describe -t commands 'qbank loop build commands' commands "$@"
}
(( $+functions[_qbank__subcmd__loop__subcmd__help_commands] )) ||
_qbank__subcmd__loop__subcmd__help_commands() {
    local commands; commands=(
'list:List the loops of a bank, and whether each can be drawn' \
'show:Print each interview'\''s questions and which interview covers which competency' \
'build:Write every interviewer'\''s kit and the debrief sheet into a folder' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'qbank loop help commands' commands "$@"
}
(( $+functions[_qbank__subcmd__loop__subcmd__help__subcmd__build_commands] )) ||
_qbank__subcmd__loop__subcmd__help__subcmd__build_commands() {
    local commands; commands=()
    _describe -t commands 'qbank loop help build commands' commands "$@"
}
(( $+functions[_qbank__subcmd__loop__subcmd__help__subcmd__help_commands] )) ||
_qbank__subcmd__loop__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'qbank loop help help commands' commands "$@"
}
(( $+functions[_qbank__subcmd__loop__subcmd__help__subcmd__list_commands] )) ||
_qbank__subcmd__loop__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'qbank loop help list commands' commands "$@"
}
(( $+functions[_qbank__subcmd__loop__subcmd__help__subcmd__show_commands] )) ||
_qbank__subcmd__loop__subcmd__help__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'qbank loop help show commands' commands "$@"
}
(( $+functions[_qbank__subcmd__loop__subcmd__list_commands] )) ||
_qbank__subcmd__loop__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'qbank loop list commands' commands "$@"
}
(( $+functions[_qbank__subcmd__loop__subcmd__show_commands] )) ||
_qbank__subcmd__loop__subcmd__show_commands() {
    local commands; commands=()
    _describe -t commands 'qbank loop show commands' commands "$@"
}
(( $+functions[_qbank__subcmd__man_commands] )) ||
_qbank__subcmd__man_commands() {
    local commands; commands=()
    _describe -t commands 'qbank man commands' commands "$@"
}
(( $+functions[_qbank__subcmd__model_commands] )) ||
_qbank__subcmd__model_commands() {
    local commands; commands=(
'fetch:Download the model the bank names (qbank.toml \`\[model\] name\`, else all-MiniLM-L6-v2) or --model into the user cache folder (or --dir), checked against pinned SHA-256 sums' \
'path:Say which model folder qbank uses for a bank, and why, and check its files' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'qbank model commands' commands "$@"
}
(( $+functions[_qbank__subcmd__model__subcmd__fetch_commands] )) ||
_qbank__subcmd__model__subcmd__fetch_commands() {
    local commands; commands=()
    _describe -t commands 'qbank model fetch commands' commands "$@"
}
(( $+functions[_qbank__subcmd__model__subcmd__help_commands] )) ||
_qbank__subcmd__model__subcmd__help_commands() {
    local commands; commands=(
'fetch:Download the model the bank names (qbank.toml \`\[model\] name\`, else all-MiniLM-L6-v2) or --model into the user cache folder (or --dir), checked against pinned SHA-256 sums' \
'path:Say which model folder qbank uses for a bank, and why, and check its files' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'qbank model help commands' commands "$@"
}
(( $+functions[_qbank__subcmd__model__subcmd__help__subcmd__fetch_commands] )) ||
_qbank__subcmd__model__subcmd__help__subcmd__fetch_commands() {
    local commands; commands=()
    _describe -t commands 'qbank model help fetch commands' commands "$@"
}
(( $+functions[_qbank__subcmd__model__subcmd__help__subcmd__help_commands] )) ||
_qbank__subcmd__model__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'qbank model help help commands' commands "$@"
}
(( $+functions[_qbank__subcmd__model__subcmd__help__subcmd__path_commands] )) ||
_qbank__subcmd__model__subcmd__help__subcmd__path_commands() {
    local commands; commands=()
    _describe -t commands 'qbank model help path commands' commands "$@"
}
(( $+functions[_qbank__subcmd__model__subcmd__path_commands] )) ||
_qbank__subcmd__model__subcmd__path_commands() {
    local commands; commands=()
    _describe -t commands 'qbank model path commands' commands "$@"
}
(( $+functions[_qbank__subcmd__new_commands] )) ||
_qbank__subcmd__new_commands() {
    local commands; commands=()
    _describe -t commands 'qbank new commands' commands "$@"
}
(( $+functions[_qbank__subcmd__rule_commands] )) ||
_qbank__subcmd__rule_commands() {
    local commands; commands=()
    _describe -t commands 'qbank rule commands' commands "$@"
}
(( $+functions[_qbank__subcmd__similar_commands] )) ||
_qbank__subcmd__similar_commands() {
    local commands; commands=()
    _describe -t commands 'qbank similar commands' commands "$@"
}
(( $+functions[_qbank__subcmd__stats_commands] )) ||
_qbank__subcmd__stats_commands() {
    local commands; commands=()
    _describe -t commands 'qbank stats commands' commands "$@"
}

if [ "$funcstack[1]" = "_qbank" ]; then
    _qbank "$@"
else
    compdef _qbank qbank
fi
