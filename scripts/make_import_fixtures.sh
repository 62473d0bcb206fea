#!/bin/sh
# Makes the Word fixture of the importer tests from its Markdown source (the .docx is
# committed; run this only to change it). Needs pandoc (`make deps`).
set -eu
cd "$(dirname "$0")/../Tests/ImporterTests/Fixtures/real-shapes"
pandoc --from markdown-auto_identifiers --to docx --output word-plan.docx word-plan.source.md
