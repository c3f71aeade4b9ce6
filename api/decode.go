package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// decodeJSON reads a request body holding exactly one JSON object into v, refusing
// unknown fields and bodies over maxBytes. On a bad body it answers the 4xx itself, in
// Portuguese, naming the accepted fields (fields, e.g. "data, tipo e motivo"), and
// returns false.
func decodeJSON(c *gin.Context, v any, maxBytes int64, fields string) bool {
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, maxBytes))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if dec.Decode(&struct{}{}) != io.EOF {
			abort(c, http.StatusBadRequest, CodeInvalidRequest, "Corpo inválido: envie um único objeto JSON.")
			return false
		}
		return true
	}
	var tooLarge *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooLarge):
		abort(c, http.StatusRequestEntityTooLarge, CodeBodyTooLarge, fmt.Sprintf("Corpo grande demais (máximo %d bytes).", maxBytes))
	case errors.As(err, &typeErr):
		abort(c, http.StatusBadRequest, CodeInvalidRequest, "Campo "+strconv.Quote(typeErr.Field)+" com tipo inválido: "+expectedJSON(typeErr)+".")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.TrimPrefix(err.Error(), "json: unknown field ")
		abort(c, http.StatusBadRequest, CodeInvalidRequest, "Campo desconhecido: "+field+". Use "+fields+".")
	case errors.Is(err, io.EOF):
		abort(c, http.StatusBadRequest, CodeInvalidRequest, "Corpo vazio: envie os dados em JSON ("+fields+").")
	default:
		abort(c, http.StatusBadRequest, CodeInvalidRequest, "JSON inválido no corpo da requisição.")
	}
	return false
}

// expectedJSON says, in Portuguese, what JSON a field of the type takes.
func expectedJSON(e *json.UnmarshalTypeError) string {
	switch e.Type.Kind() {
	case reflect.Bool:
		return "use true ou false"
	case reflect.Slice, reflect.Array:
		return "use uma lista"
	case reflect.Pointer:
		if e.Type.Elem().Kind() == reflect.Bool {
			return "use true ou false"
		}
	}
	return "use texto"
}
