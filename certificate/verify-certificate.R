# verify-certificate.R: an independent check of a multigebruik protection certificate (docs/certificate.md).
# Base R only (written for R 4.2); it contains its own small JSON parser and SHA-256.
#
#   Rscript verify-certificate.R OUT          OUT = the run folder: reads OUT/internal/certificate.json, the export's
#                                             tables.json (OUT/<exports[i].tables>) and OUT/export/README.txt
#   Rscript verify-certificate.R --sha256 F   prints the SHA-256 of file F (to test the SHA-256 below against others)
#
# It prints one line "FAIL <check>: ..." per failure, naming cells as "<table> / <row> / <column>", then
# "VERDICT: PASSED" or "VERDICT: FAILED". Exit status: 0 passed, 1 a check failed, 2 a file cannot be read or parsed,
# or the certificate is not of the format "multigebruik-certificate/1".

say <- function(...) writeLines(paste0(...), useBytes = TRUE)
failures <- 0
fail <- function(...) { failures <<- failures + 1; say("FAIL ", ...) }
give_up <- function(...) { say("FAIL ", ...); say("VERDICT: FAILED"); quit(status = 2) }

# ---- SHA-256 (FIPS 180-4) of a raw vector ------------------------------------------------------------------------
# 32-bit words are doubles in [0, 2^32). The message schedule is computed for all blocks at once (vectorised over
# blocks, XOR on 16-bit halves). The 64 rounds are serial; in them a word is a vector of 32 bits (0/1, bit i at
# position i + 1), so rotations are index permutations, XOR of bits x, y is abs(x - y), and additions are done
# on the values (sum(bits * 2^i)). About 4 seconds per MB.
K <- c(0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
       0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
       0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
       0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
       0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
       0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
       0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
       0xc67178f2)
H0 <- c(0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
xor32 <- function(x, y) bitwXor(x %/% 65536, y %/% 65536) * 65536 + bitwXor(x %% 65536, y %% 65536)
rotr <- function(x, n) x %/% 2^n + x %% 2^n * 2^(32 - n)

sha256 <- function(bytes) {
  n <- length(bytes)   # padding: 0x80, zeros, then the length in bits as 8 bytes big-endian
  b <- c(as.integer(bytes), 128L, integer((55 - n) %% 64), (n * 8) %/% 256^(7:0) %% 256)
  W <- matrix(0, 64, length(b) / 64)                        # column j: the 64 schedule words of block j
  W[1:16, ] <- colSums(matrix(b, 4) * 256^(3:0))
  for (t in 17:64) {
    x <- W[t - 15, ]; y <- W[t - 2, ]
    s0 <- xor32(xor32(rotr(x, 7), rotr(x, 18)), x %/% 2^3)
    s1 <- xor32(xor32(rotr(y, 17), rotr(y, 19)), y %/% 2^10)
    W[t, ] <- (W[t - 16, ] + s0 + W[t - 7, ] + s1) %% 2^32
  }
  W <- W + K                                                # only K[t] + W[t] enters a round
  pw <- 2^(0:31)
  r <- function(n) as.integer((0:31 + n) %% 32 + 1)         # bit i of rotr(x, n) is bit (i + n) mod 32 of x
  r6 <- r(6); r11 <- r(11); r25 <- r(25); r2 <- r(2); r13 <- r(13); r22 <- r(22)
  H <- H0
  for (j in seq_len(ncol(W))) {
    s <- lapply(H, function(v) v %/% pw %% 2)
    a <- s[[1]]; b <- s[[2]]; c <- s[[3]]; d <- s[[4]]; e <- s[[5]]; f <- s[[6]]; g <- s[[7]]; h <- s[[8]]
    kw <- W[, j]
    for (t in 1:64) {
      t1 <- h + abs(abs(e[r6] - e[r11]) - e[r25]) + g + e * (f - g)  # bits of h, Sigma1(e), Ch(e, f, g)
      t2 <- abs(abs(a[r2] - a[r13]) - a[r22]) + (a + b + c > 1)       # bits of Sigma0(a), Maj(a, b, c)
      h <- g; g <- f; f <- e
      e <- (sum((d + t1) * pw) + kw[t]) %/% pw %% 2                  # bits of (d + T1) mod 2^32
      d <- c; c <- b; b <- a
      a <- (sum((t1 + t2) * pw) + kw[t]) %/% pw %% 2                 # bits of (T1 + T2) mod 2^32
    }
    H <- (H + vapply(list(a, b, c, d, e, f, g, h), function(x) sum(x * pw), 0)) %% 2^32
  }
  paste(sprintf("%04x%04x", as.integer(H %/% 65536), as.integer(H %% 65536)), collapse = "")
}
read_bytes <- function(path) {
  bytes <- tryCatch(readBin(path, "raw", file.size(path)), error = function(e) NULL, warning = function(w) NULL)
  if (is.null(bytes) || is.na(file.size(path))) give_up("cannot read ", path)
  bytes
}

# ---- JSON ------------------------------------------------------------------------------------------------------------
# The whole text is cut into tokens by one regular expression; whatever is left between tokens must be white space.
# Then a recursive descent over the token vector builds the value: object -> named list, array -> list (an array of
# numbers only -> numeric vector, the fast path for the long atom lists), string -> character, number -> double,
# true/false -> logical, null -> NULL.
TOKEN <- paste0('"[^"\\\\]*(?:\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\\]*)*"',    # string with valid escapes
                '|-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?',            # number
                '|true|false|null|[][{}:,]')
ESCAPE <- c(b = "\b", f = "\f", n = "\n", r = "\r", t = "\t")     # \" \\ \/ stand for the character itself

unescape <- function(s) {
  s <- substr(s, 2, nchar(s) - 1)
  if (!grepl("\\", s, fixed = TRUE)) return(s)
  m <- gregexpr("\\\\u[dD][89abAB]..\\\\u[dD][c-fC-F]..|\\\\u....|\\\\.", s, perl = TRUE)
  regmatches(s, m) <- list(vapply(regmatches(s, m)[[1]], function(e) {
    if (nchar(e) == 2) { ch <- substr(e, 2, 2); return(if (ch %in% names(ESCAPE)) ESCAPE[[ch]] else ch) }
    u <- strtoi(substring(e, c(3, 9), c(6, 12)), 16L)
    intToUtf8(if (nchar(e) == 12) 0x10000 + (u[1] - 0xD800) * 1024 + (u[2] - 0xDC00) else u[1])   # surrogate pair
  }, ""))
  s
}

parse_json <- function(text) {
  m <- gregexpr(TOKEN, text, perl = TRUE, useBytes = TRUE)
  tok <- regmatches(text, m)[[1]]
  Encoding(tok) <- "UTF-8"
  if (grepl("[^ \t\r\n]", gsub(TOKEN, "", text, perl = TRUE, useBytes = TRUE), useBytes = TRUE))
    stop("text that is not JSON")
  first <- substr(tok, 1, 1)
  is_num <- grepl("[-0-9]", first)
  # the matching close of every { and [: brackets at one depth alternate open, close
  open <- first %in% c("{", "["); close <- first %in% c("}", "]")
  depth <- cumsum(open) - cumsum(close)
  if (length(tok) == 0) stop("no JSON value")
  if (any(depth < 0) || depth[length(tok)] != 0) stop("unbalanced brackets")
  br <- which(open | close)
  br <- br[order(ifelse(open, depth, depth + 1)[br], br)]
  odd <- seq_along(br) %% 2 == 1; o <- br[odd]; cl <- br[!odd]
  if (any(chartr("{[", "}]", tok[o]) != tok[cl])) stop("mismatched brackets")
  mate <- integer(length(tok)); mate[o] <- cl

  pos <- 1
  expect <- function(t) { if (!identical(tok[pos], t)) stop("expected ", t, " at token ", pos); pos <<- pos + 1 }
  value <- function() {
    t <- tok[pos]; f <- first[pos]; end <- mate[pos]
    if (is.na(t)) stop("unexpected end")
    if (f == "[" && end > pos + 1 && (end - pos) %% 2 == 0) {             # fast path: [number, number, ...]
      nums <- seq(pos + 1, end - 1, by = 2)
      if (all(is_num[nums]) && all(tok[nums[-1] - 1] == ",")) { pos <<- end + 1; return(as.numeric(tok[nums])) }
    }
    pos <<- pos + 1
    if (f == "{" || f == "[") {
      out <- list(); keys <- character(0)
      while (pos < end) {
        if (length(out) > 0) expect(",")
        if (f == "{") {
          if (first[pos] != '"') stop("expected a key at token ", pos)
          keys <- c(keys, unescape(tok[pos])); pos <<- pos + 1; expect(":")
        }
        out[length(out) + 1] <- list(value())             # list(NULL) keeps a null element
      }
      if (pos != end) stop("unexpected token ", pos)
      pos <<- end + 1
      if (f == "{") names(out) <- keys
      return(out)
    }
    if (f == '"') return(unescape(t))
    if (is_num[pos - 1]) return(as.numeric(t))
    if (t == "true" || t == "false") return(t == "true")
    if (t == "null") return(NULL)
    stop("unexpected ", t, " at token ", pos - 1)
  }
  v <- value()
  if (pos <= length(tok)) stop("text after the value")
  v
}
read_json <- function(path) {
  bytes <- read_bytes(path)
  tryCatch(parse_json(rawToChar(bytes)), error = function(e) give_up("cannot parse ", path, ": ", conditionMessage(e)))
}

# ---- the checks --------------------------------------------------------------------------------------------------
args <- commandArgs(trailingOnly = TRUE)
if (length(args) == 2 && args[1] == "--sha256") { say(sha256(read_bytes(args[2]))); quit(status = 0) }
if (length(args) != 1) { say("usage: Rscript verify-certificate.R OUT"); quit(status = 2) }
out <- args[1]
cert_path <- file.path(out, "internal", "certificate.json")
cert <- read_json(cert_path)
if (!is.list(cert) || !identical(cert$format, "multigebruik-certificate/1"))
  give_up("format of ", cert_path, " is not multigebruik-certificate/1")
for (field in c("rule", "exports", "atoms", "cells", "requirements"))
  if (!(field %in% names(cert))) give_up("malformed certificate: no ", field)
if (!is.numeric(cert$rule$threshold) || !is.numeric(cert$rule$safetyRange) || !is.logical(cert$rule$zeroUnsafe))
  give_up("malformed certificate: rule needs threshold, zeroUnsafe and safetyRange")

verify <- function() {
  whole <- function(x) if (is.numeric(x)) is.finite(x) & x >= 0 & x == floor(x) else rep(FALSE, length(x))
  count1 <- function(x) length(x) == 1 && whole(x)                 # one whole number >= 0
  num <- function(x) if (is.list(x)) vapply(x, function(a) if (is.numeric(a)) a[1] else NA, 0) else x
  rule <- cert$rule
  unsafe <- function(v) (v >= 1 & v < rule$threshold) | (v == 0 & isTRUE(rule$zeroUnsafe))
  atoms <- num(cert$atoms); n_atoms <- length(atoms)
  cells <- cert$cells; reqs <- cert$requirements
  name <- function(x) paste(x$table, x$row, x$column, sep = " / ")
  key <- function(x) paste(x$export, x$table, x$row, x$column, sep = "\r")
  cell_names <- vapply(cells, name, ""); cell_keys <- vapply(cells, key, "")
  ids <- lapply(cells, function(x) num(x$atoms))
  published <- lapply(cells, function(x) x$published)          # NULL = suppressed
  shown <- !vapply(published, is.null, TRUE)

  # 1. whole counts >= 0 and existing atom ids
  for (k in which(!whole(atoms))) fail("atom count: atom ", k - 1, " has ", atoms[k], ", not a whole number >= 0")
  ok_id <- function(i) length(i) > 0 && all(whole(i) & i < n_atoms)
  ids_ok <- vapply(ids, function(i) length(i) == 0 || ok_id(i), TRUE)
  for (k in which(!ids_ok)) fail("atom ids of ", cell_names[k], ": an id is not an atom (0 to ", n_atoms - 1, ")")
  for (k in which(vapply(ids, anyDuplicated, 0) > 0)) fail("atom ids of ", cell_names[k], ": an atom is listed twice")
  pairs <- function(w) matrix(as.numeric(unlist(w)), nrow = 2)  # witness [[id, count], ...] -> 2 x n
  witness_ok <- list()
  for (r in seq_along(reqs)) for (side in c("lo", "hi")) {
    w <- reqs[[r]]$witnesses[[side]]
    p <- pairs(w)
    ok <- all(lengths(w) == 2) && (ncol(p) == 0 || (ok_id(p[1, ]) && all(whole(p[2, ]))))
    witness_ok[[paste(r, side)]] <- ok
    if (!ok) fail("witness ", side, " of ", name(reqs[[r]]), ": not a list of [atom id, whole count >= 0]")
  }

  # 2. the true counts reproduce every published value
  truth <- vapply(seq_along(cells), function(k) if (ids_ok[k]) sum(atoms[ids[[k]] + 1]) else NA, 0)
  for (k in which(shown)) {
    p <- published[[k]]
    if (!count1(p)) fail("published value of ", cell_names[k], ": not a count or null")
    else if (!is.na(truth[k]) && truth[k] != p) fail("true counts of ", cell_names[k], ": the atoms sum to ",
                                                     truth[k], ", published ", p)
  }

  # 3. tables.json is the described file and shows exactly the certificate's values, none of them unsafe
  ex <- cert$exports
  if (length(ex) != 1 || !identical(ex[[1]]$id, "run") || !identical(ex[[1]]$tables, "export/tables.json"))
    fail("exports: version 1 covers one export, id run, tables export/tables.json")
  for (x in cert$exports) {
    path <- file.path(out, x$tables)
    bytes <- read_bytes(path)
    if (!identical(sha256(bytes), tolower(x$tablesSha256)))
      fail("export ", x$id, ": ", x$tables, " is not the file the certificate describes (SHA-256 differs)")
    tables <- read_json(path)$tables
    for (tid in names(tables)) {
      tb <- tables[[tid]]
      for (i in seq_along(tb$rows)) for (j in seq_along(tb$columns)) {
        v <- tb$cells[[i]][[j]]
        if (is.null(v)) next                                    # not applicable: not in the certificate
        cell <- list(export = x$id, table = tid, row = tb$rows[[i]]$key, column = tb$columns[[j]]$key)
        k <- match(key(cell), cell_keys)
        if (identical(v, "**")) {
          if (is.na(k)) fail("export cell ", name(cell), ": suppressed in ", x$tables, ", not in the certificate")
          else if (shown[k]) fail("export cell ", name(cell), ": suppressed in ", x$tables, ", published ",
                                  published[[k]], " in the certificate")
        } else {
          if (!count1(v)) { fail("export cell ", name(cell), ": ", v, " is not a count"); next }
          if (unsafe(v)) fail("unsafe shown count of ", name(cell), ": ", v)
          if (is.na(k)) fail("export cell ", name(cell), ": shows ", v, " in ", x$tables, ", not in the certificate")
          else if (!shown[k]) fail("export cell ", name(cell), ": shows ", v, ", suppressed in the certificate")
          else if (published[[k]] != v) fail("export cell ", name(cell), ": shows ", v, ", the certificate has ",
                                             published[[k]])
        }
        if (!is.na(k)) cell_keys[k] <- NA                       # seen: a second place with this key fails
      }
    }
  }
  for (k in which(!is.na(cell_keys)))
    fail("export cell ", cell_names[k], ": in the certificate, not (or not once) in the export's tables.json")

  # 4. requirements: every suppressed unsafe cell has one, and each is consistent with the rule
  cell_keys <- vapply(cells, key, ""); req_keys <- vapply(reqs, key, "")
  for (k in which(!shown & unsafe(truth) & !(cell_keys %in% req_keys)))
    fail("requirement missing for ", cell_names[k], ": suppressed with unsafe true count ", truth[k])
  req_cell <- match(req_keys, cell_keys)
  for (r in seq_along(reqs)) {
    q <- reqs[[r]]; k <- req_cell[r]; v <- q$value; b <- as.numeric(unlist(q$bounds)); nm <- name(q)
    if (is.na(k)) { fail("requirement of ", nm, ": no such cell in the certificate"); next }
    if (!count1(v)) { fail("requirement of ", nm, ": value is not a count"); next }
    if (shown[k]) fail("requirement of ", nm, ": the cell is published (", published[[k]], "), not suppressed")
    if (!is.na(truth[k]) && v != truth[k]) fail("requirement of ", nm, ": value ", v, ", the true count is ", truth[k])
    if (identical(q$reason, "threshold")) {
      p <- max(1, ceiling(v * rule$safetyRange - 1e-9))
      if (!unsafe(v)) fail("requirement of ", nm, ": reason threshold, but ", v, " is not unsafe")
      if (!identical(b, c(max(0, v - p), v + p)))
        fail("requirement of ", nm, ": bounds [", toString(b), "], the rule gives [", max(0, v - p), ", ", v + p, "]")
    } else if (identical(q$reason, "differencing")) {
      if (!isTRUE(length(b) == 2 && b[1] <= v && v <= b[2] && b[1] < b[2]))
        fail("requirement of ", nm, ": bounds [", toString(b), "] are not an interval around ", v)
      p <- max(1, ceiling(v * rule$safetyRange - 1e-9))                 # an unsafe count keeps the rule's bounds
      if (unsafe(v) && !isTRUE(b[1] <= max(0, v - p) && b[2] >= v + p))
        fail("requirement of ", nm, ": bounds [", toString(b), "] narrower than the rule's [", max(0, v - p), ", ", v + p, "]")
    } else fail("requirement of ", nm, ": unknown reason ", toString(q$reason))
  }

  # 5. every witness reproduces every published value of its export and reaches its bound
  cells_of_atom <- split(rep(seq_along(cells), lengths(ids)), factor(unlist(ids), levels = seq_len(n_atoms) - 1))
  exports_of_cells <- vapply(cells, function(x) x$export, "")
  for (r in seq_along(reqs)) for (side in c("lo", "hi")) {
    q <- reqs[[r]]; k <- req_cell[r]; b <- as.numeric(unlist(q$bounds))
    what <- paste0("witness ", side, " of ", name(q))
    if (is.null(q$witnesses[[side]])) { fail(what, ": no witness"); next }
    if (!witness_ok[[paste(r, side)]] || is.na(k)) next     # failed above
    p <- pairs(q$witnesses[[side]])
    counts <- atoms; counts[p[1, ] + 1] <- p[2, ]
    changed <- which(counts != atoms)                          # 1-based atom positions
    for (j in unique(unlist(cells_of_atom[changed]))) {      # only cells with a changed atom can differ
      if (!shown[j] || exports_of_cells[j] != q$export || !ids_ok[j]) next
      s <- sum(counts[ids[[j]] + 1])
      if (s != published[[j]]) fail(what, ": cell ", cell_names[j], " is ", s, ", published ", published[[j]])
    }
    s <- sum(counts[ids[[k]] + 1])                             # NA when the ids failed check 1
    if (is.na(s) || length(b) != 2) next
    if (side == "lo" && s > b[1]) fail(what, ": the cell is ", s, ", not at or below ", b[1])
    if (side == "hi" && s < b[2]) fail(what, ": the cell is ", s, ", not at or above ", b[2])
  }

  # 6. the certificate is the one export/README.txt states
  readme <- file.path(out, "export", "README.txt")
  if (!file.exists(readme)) give_up("cannot read ", readme)
  line <- grep("^certificate\\.json SHA-256: [0-9a-fA-F]{64}\\s*$", readLines(readme, warn = FALSE), value = TRUE)
  stated <- tolower(substr(line, 27, 90))                      # the 64 hex digits after "certificate.json SHA-256: "
  actual <- sha256(read_bytes(cert_path))
  if (length(line) != 1) fail("certificate hash: export/README.txt has no line 'certificate.json SHA-256: <hex>'")
  else if (stated != actual) fail("certificate hash: export/README.txt states ", stated, ", the file has ", actual)
}

tryCatch(verify(), error = function(e) give_up("malformed certificate or export: ", conditionMessage(e)))
say(if (failures == 0) "VERDICT: PASSED" else "VERDICT: FAILED")
quit(status = if (failures == 0) 0 else 1)
