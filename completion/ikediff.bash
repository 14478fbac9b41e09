# bash completion for ikediff(1)                             -*- shell-script -*-
#
# Installed as /usr/share/bash-completion/completions/ikediff (loaded on demand by the
# bash-completion package); it also works alone: `source completion/ikediff.bash`.
#
# Completes the options (cli/options.cpp), the values of --format and --color, YAML files
# after --expect, any file after --output and --emit-sheet, and files or directories for
# the inputs. `--opt value`, `--opt=value` and, for -f, `-fjson` are understood.

# _ikediff_files [EXTGLOB]: files (only *.EXTGLOB ones, plus directories, when given)
# matching $cur, into COMPREPLY. Uses bash-completion's _filedir when it is loaded.
_ikediff_files() {
    local reset
    compopt -o filenames 2>/dev/null
    if declare -F _filedir >/dev/null; then
        _filedir "$@"
        return
    fi
    if [[ -n ${1-} ]]; then
        reset=$(shopt -p extglob)
        shopt -s extglob
        mapfile -t COMPREPLY < <(compgen -d -- "$cur"; compgen -f -X "!*.$1" -- "$cur")
        eval "$reset"
    else
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
}

_ikediff() {
    local cur prev prefix='' i
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

    # `--format=js`: bash splits it into `--format` `=` `js` when '=' is in COMP_WORDBREAKS
    # (the default), and leaves one word `--format=js` when it is not.
    if [[ $cur == = && $prev == -* ]]; then
        cur=''
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)) && [[ ${COMP_WORDS[COMP_CWORD - 2]} == -* ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    elif [[ $cur == --?*=* ]]; then
        prev=${cur%%=*} prefix=${cur%%=*}= cur=${cur#*=}
    elif [[ $cur == -f?* ]]; then
        prev=-f prefix=-f cur=${cur#-f}
    fi

    # After `--` everything is an input.
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} == -- ]]; then
            _ikediff_files
            return
        fi
    done

    case $prev in
    -f | --format)
        mapfile -t COMPREPLY < <(compgen -P "$prefix" -W 'text json markdown' -- "$cur")
        return
        ;;
    --color)
        mapfile -t COMPREPLY < <(compgen -P "$prefix" -W 'auto always never' -- "$cur")
        return
        ;;
    -e | --expect)
        if [[ -n $prefix ]]; then
            mapfile -t COMPREPLY < <(compgen -P "$prefix" -f -- "$cur")
        else
            _ikediff_files '@(yaml|yml)'
        fi
        return
        ;;
    -o | --output | --emit-sheet)
        if [[ -n $prefix ]]; then
            mapfile -t COMPREPLY < <(compgen -P "$prefix" -f -- "$cur")
        else
            _ikediff_files
        fi
        return
        ;;
    --rules)
        mapfile -t COMPREPLY < <(compgen -P "$prefix" -d -- "$cur")
        return
        ;;
    --peer | --gateway | --since | --until)
        # An address, a gateway name, a time: nothing to offer.
        return
        ;;
    esac

    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W '-e --expect -f --format -o --output --peer
            --gateway --since --until --color --redact --emit-sheet --rules --version -h --help' -- "$cur")
        return
    fi

    # The subcommand, as the first word; else an input: a log, a system log export, a
    # directory, an archive, or `-`.
    if ((COMP_CWORD == 1)) && [[ explain == "$cur"* && -n $cur ]]; then
        COMPREPLY=(explain)
        return
    fi
    _ikediff_files
}

complete -F _ikediff ikediff
