package intake

import _ "embed"

// FormTemplate is the exact form a consumer copies into the body of the
// intake e-mail (004 Annexes V–VII, adapted to an e-mail body): the
// instructions, CAMPO I (consumer), CAMPO II (procurador, only when
// represented), the FORNECEDOR block, the RELATO line and the list of
// mandatory documents with the file-name keywords of DocumentKeywords.
// It is published in the README and closes every cancellation reply
// (issue 4). Filled in, it parses with every field in place; left blank, it
// yields only missing_field and missing_document problems.
//
//go:embed form_template.txt
var FormTemplate string
