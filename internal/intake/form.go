package intake

// Form is the complaint form of 004 Annexes V–VII as read from the e-mail
// body. Valid values are normalised (see the package documentation);
// invalid ones are kept as typed, trimmed, so staff can see them.
type Form struct {
	// Consumer is CAMPO I.
	Consumer Consumer `json:"consumer"`
	// Representative is CAMPO II; nil when the consumer is not
	// represented (004 §3.3.1.3).
	Representative *Representative `json:"representative"`
	// Suppliers are the FORNECEDOR blocks of Annex VII, in order; the
	// problem field suppliers[i] refers to Suppliers[i] (0-based).
	Suppliers []Supplier `json:"suppliers"`
	// Relato is the consumer's free-text account.
	Relato string `json:"relato"`
}

// Consumer is CAMPO I: the consumer who holds the complaint.
type Consumer struct {
	Name string `json:"name"`
	// BirthDate is YYYY-MM-DD.
	BirthDate string `json:"birth_date"`
	// CPFCNPJ is the CPF (11 digits) or CNPJ (14 characters), without
	// punctuation.
	CPFCNPJ string `json:"cpf_cnpj"`
	// RG is upper-case letters and digits, without punctuation.
	RG      string `json:"rg"`
	Address string `json:"address"`
	Bairro  string `json:"bairro"`
	City    string `json:"city"`
	// State is the two-letter UF.
	State string `json:"state"`
	// CEP is 8 digits.
	CEP string `json:"cep"`
	// Phone1 and Phone2 are DDD + number, digits only (10 or 11 digits).
	Phone1 string `json:"phone1"`
	Phone2 string `json:"phone2"`
	// Email is optional, lower-cased.
	Email string `json:"email"`
	// Priority is the priority-attendance code (see the package
	// documentation), "" when none.
	Priority string `json:"priority"`
}

// Representative is CAMPO II: the procurador (004 §3.3.1.3, Annex VI).
type Representative struct {
	// Kind is "advogado", "familiar", "outro" or "" when not stated.
	Kind string `json:"kind"`
	Name string `json:"name"`
	// CPFCNPJ is the procurador's CPF, 11 digits (the key is the
	// consumer's, so both blocks share their person keys).
	CPFCNPJ string `json:"cpf_cnpj"`
	RG      string `json:"rg"`
	// Issuer is the RG's issuing body (órgão expedidor), upper-case.
	Issuer string `json:"issuer"`
	// UF is the issuing body's state.
	UF string `json:"uf"`
	// OAB is the lawyer's registration: digits, then "/UF" when given.
	OAB     string `json:"oab"`
	Address string `json:"address"`
	Bairro  string `json:"bairro"`
	City    string `json:"city"`
	State   string `json:"state"`
	CEP     string `json:"cep"`
	Phone1  string `json:"phone1"`
	Phone2  string `json:"phone2"`
	Email   string `json:"email"`
}

// Supplier is one FORNECEDOR block of Annex VII.
type Supplier struct {
	Name    string `json:"name"`
	CPFCNPJ string `json:"cpf_cnpj"`
	Address string `json:"address"`
	// Bairro is optional (Annex VII does not ask for it).
	Bairro string `json:"bairro"`
	City   string `json:"city"`
	State  string `json:"state"`
	CEP    string `json:"cep"`
	// Phone1, Phone2 and Email are optional.
	Phone1 string `json:"phone1"`
	Phone2 string `json:"phone2"`
	Email  string `json:"email"`
}
