COPY ({{!query}}) TO {{!file}} ({{!options}})
