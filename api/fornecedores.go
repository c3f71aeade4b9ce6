package api

import (
	"errors"
	"net/http"
	"net/mail"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/procon-es/procon/internal/store"
	"github.com/procon-es/procon/internal/taxid"
)

// Stable error codes of the supplier endpoints.
const (
	CodeInvalidDoc   = "cpf_cnpj_invalido"
	CodeInvalidName  = "nome_invalido"
	CodeInvalidEmail = "email_invalido"
)

// maxSupplierBody bounds the body of a supplier.
const maxSupplierBody = 8 << 10

// supplierBody is the body of PUT /api/v1/fornecedores/:doc.
type supplierBody struct {
	Name     string `json:"nome"`
	CIPEmail string `json:"email_cip"`
}

// supplierDoc reads and checks the :doc of the route (CPF or CNPJ, punctuated or not);
// it answers the 400 itself.
func supplierDoc(c *gin.Context) (string, bool) {
	doc, kind := taxid.Check(c.Param("doc"))
	if kind != taxid.CNPJ && kind != taxid.CPF {
		abort(c, http.StatusBadRequest, CodeInvalidDoc, "CPF ou CNPJ do fornecedor inválido (confira os dígitos verificadores).")
		return "", false
	}
	return doc, true
}

// putSupplier creates or updates a supplier and the address it registered to receive
// CIPs (004 §4.2.2).
func (s *Server) putSupplier() gin.HandlerFunc {
	return func(c *gin.Context) {
		doc, ok := supplierDoc(c)
		if !ok {
			return
		}
		var body supplierBody
		if !decodeJSON(c, &body, maxSupplierBody, "nome e email_cip") {
			return
		}
		name := strings.TrimSpace(body.Name)
		if name == "" || len(name) > 300 {
			abort(c, http.StatusBadRequest, CodeInvalidName, "Informe o nome do fornecedor (até 300 caracteres).")
			return
		}
		email := strings.ToLower(strings.TrimSpace(body.CIPEmail))
		if email != "" {
			if a, err := mail.ParseAddress(email); err != nil || a.Address != email || a.Name != "" {
				abort(c, http.StatusBadRequest, CodeInvalidEmail, "E-mail para recebimento de CIP inválido: informe apenas o endereço, como cip@empresa.com.br.")
				return
			}
		}
		sup, err := s.store.SaveSupplier(c.Request.Context(), store.Supplier{Doc: doc, Name: name, CIPEmail: email, UpdatedBy: staffOf(c).ID})
		if err != nil {
			internalError(c, err)
			return
		}
		c.JSON(http.StatusOK, sup)
	}
}

// getSupplier answers a supplier as staff keep it.
func (s *Server) getSupplier() gin.HandlerFunc {
	return func(c *gin.Context) {
		doc, ok := supplierDoc(c)
		if !ok {
			return
		}
		sup, err := s.store.SupplierByDoc(c.Request.Context(), doc)
		if errors.Is(err, store.ErrNotFound) {
			abort(c, http.StatusNotFound, CodeNotFound, "Fornecedor não cadastrado.")
			return
		}
		if err != nil {
			internalError(c, err)
			return
		}
		c.JSON(http.StatusOK, sup)
	}
}
