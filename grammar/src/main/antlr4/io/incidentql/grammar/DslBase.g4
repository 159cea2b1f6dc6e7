/*
 * Grammar of the IncidentQL query DSL: one SELECT over one table of the incident.io API.
 *
 *   SELECT selectItem [, ...]            -- column, alias.*, *, expression [[AS] alias],
 *                                           COUNT(*), COUNT([DISTINCT] x), SUM, MIN, MAX, AVG
 *   FROM table [[AS] alias]              -- alerts, incidents, incident_alerts, incident_updates
 *   [WHERE condition]                    -- AND, OR, NOT, ( ); = != <> < <= > >=;
 *                                           [NOT] IN (literal | :param, ...); [NOT] BETWEEN a AND b;
 *                                           [NOT] LIKE pattern [ESCAPE c]; IS [NOT] NULL
 *   [GROUP BY expression [, ...]]
 *   [HAVING condition]
 *   [ORDER BY expression [ASC | DESC] [NULLS FIRST | NULLS LAST] [, ...]]
 *   [LIMIT n] [OFFSET n] [;]
 *
 * Precedence, tightest first: predicates (comparison, IN, BETWEEN, LIKE, IS NULL), NOT, AND, OR.
 *
 * Literals:
 *   'it''s'                         string; a quote inside is doubled
 *   42, -7, 3.14, .5                integer (64-bit) and exact decimal
 *   TRUE, FALSE, NULL
 *   DATE '2025-01-01'
 *   TIMESTAMP '2025-01-01 10:00:00' also '2025-01-01T10:00:00Z', fractions of a second and
 *                                   offsets such as '+02:00'; without a zone the time is UTC
 *   now()                           the time the query runs
 *   now() - 7d, now() + 1d          now shifted by a duration: digits followed directly (no
 *                                   space) by a unit, s = seconds, m = minutes, h = hours,
 *                                   d = days, w = weeks; "7d" is one token, "7 d" is not
 *   :name                           named parameter, bound when the query runs; inside an IN list
 *                                   a parameter may be bound to a list, which expands in place
 *
 * Names: keywords are case-insensitive. Identifiers are [A-Za-z_][A-Za-z0-9_]* or double-quoted
 * ("a ""quoted"" name"). Keywords listed in nonReserved also work as identifiers (date, first,
 * ...); reserved ones (from, order, limit, now, ...) need double quotes. Function names such as
 * count and sum are not keywords at all, so a column may be called count.
 *
 * Comments: -- to the end of the line, and /* ... * / blocks (not nested).
 */
grammar DslBase;

options { caseInsensitive = true; }

statement
    : query SEMICOLON? EOF
    ;

query
    : SELECT selectItem (COMMA selectItem)*
      FROM relation
      (WHERE where=booleanExpression)?
      (GROUP BY groupingElement+=expression (COMMA groupingElement+=expression)*)?
      (HAVING having=booleanExpression)?
      (ORDER BY sortItem (COMMA sortItem)*)?
      (LIMIT limit=INTEGER_VALUE)?
      (OFFSET offset=INTEGER_VALUE)?
    ;

selectItem
    : (qualifier=identifier DOT)? ASTERISK                    #selectAll
    | expression (AS? alias=identifier)?                      #selectSingle
    ;

relation
    : table=identifier (AS? alias=identifier)?
    ;

sortItem
    : expression ordering=(ASC | DESC)? (NULLS nullOrdering=(FIRST | LAST))?
    ;

expression
    : booleanExpression
    ;

// Alternatives listed earlier bind tighter: NOT before AND before OR.
booleanExpression
    : valueExpression predicate?                                        #predicated
    | NOT operand=booleanExpression                                     #not
    | left=booleanExpression AND right=booleanExpression                #and
    | left=booleanExpression OR right=booleanExpression                 #or
    ;

// A predicate applies to the valueExpression just before it (see #predicated).
predicate
    : comparisonOperator right=valueExpression                          #comparison
    | NOT? BETWEEN lower=valueExpression AND upper=valueExpression      #between
    | NOT? IN LPAREN constant (COMMA constant)* RPAREN                  #inList
    | NOT? LIKE pattern=valueExpression (ESCAPE escape=valueExpression)? #like
    | IS NOT? NULL                                                      #nullPredicate
    ;

valueExpression
    : constant                                                          #constantExpression
    | name=identifier LPAREN
          (ASTERISK | DISTINCT? expression (COMMA expression)*)?
      RPAREN                                                            #functionCall
    | (qualifier=identifier DOT)? column=identifier                     #columnReference
    | LPAREN expression RPAREN                                          #parenthesized
    ;

constant
    : STRING                                                            #stringLiteral
    | MINUS? INTEGER_VALUE                                              #integerLiteral
    | MINUS? DECIMAL_VALUE                                              #decimalLiteral
    | (TRUE | FALSE)                                                    #booleanLiteral
    | NULL                                                              #nullLiteral
    | DATE STRING                                                       #dateLiteral
    | TIMESTAMP STRING                                                  #timestampLiteral
    | NOW LPAREN RPAREN (sign=(PLUS | MINUS) DURATION)?                 #relativeTime
    | PARAMETER                                                         #parameter
    ;

comparisonOperator
    : EQ | NEQ | BANG_NEQ | LT | LTE | GT | GTE
    ;

identifier
    : IDENTIFIER                                                        #unquotedIdentifier
    | QUOTED_IDENTIFIER                                                 #quotedIdentifier
    | nonReserved                                                       #unquotedIdentifier
    ;

// Keywords that never sit where an identifier could, so they stay usable as column names.
nonReserved
    : ASC | DATE | DESC | ESCAPE | FIRST | LAST | NULLS | TIMESTAMP
    ;

// Punctuation first, then keywords alphabetically: token types follow this order, and
// error messages list expected tokens in token type order.
COMMA: ',';
DOT: '.';
LPAREN: '(';
RPAREN: ')';
ASTERISK: '*';
SEMICOLON: ';';
EQ: '=';
NEQ: '<>';
BANG_NEQ: '!=';
LT: '<';
LTE: '<=';
GT: '>';
GTE: '>=';
PLUS: '+';
MINUS: '-';

AND: 'AND';
AS: 'AS';
ASC: 'ASC';
BETWEEN: 'BETWEEN';
BY: 'BY';
DATE: 'DATE';
DESC: 'DESC';
DISTINCT: 'DISTINCT';
ESCAPE: 'ESCAPE';
FALSE: 'FALSE';
FIRST: 'FIRST';
FROM: 'FROM';
GROUP: 'GROUP';
HAVING: 'HAVING';
IN: 'IN';
IS: 'IS';
LAST: 'LAST';
LIKE: 'LIKE';
LIMIT: 'LIMIT';
NOT: 'NOT';
NOW: 'NOW';
NULL: 'NULL';
NULLS: 'NULLS';
OFFSET: 'OFFSET';
OR: 'OR';
ORDER: 'ORDER';
SELECT: 'SELECT';
TIMESTAMP: 'TIMESTAMP';
TRUE: 'TRUE';
WHERE: 'WHERE';

STRING
    : '\'' (~'\'' | '\'\'')* '\''
    ;

// Never accepted by the parser; it exists so that an unclosed quote becomes one token the
// error handler can name. A closed string is always one character longer, so it wins.
UNTERMINATED_STRING
    : '\'' (~'\'' | '\'\'')*
    ;

// "7d" is one token, not 7 followed by an identifier d: the lexer takes the longest match.
DURATION
    : DIGIT+ [smhdw]
    ;

INTEGER_VALUE
    : DIGIT+
    ;

DECIMAL_VALUE
    : DIGIT+ '.' DIGIT*
    | '.' DIGIT+
    ;

PARAMETER
    : ':' IDENTIFIER_START IDENTIFIER_PART*
    ;

IDENTIFIER
    : IDENTIFIER_START IDENTIFIER_PART*
    ;

QUOTED_IDENTIFIER
    : '"' (~'"' | '""')* '"'
    ;

UNTERMINATED_QUOTED_IDENTIFIER
    : '"' (~'"' | '""')*
    ;

LINE_COMMENT
    : '--' ~[\r\n]* -> channel(HIDDEN)
    ;

BLOCK_COMMENT
    : '/*' .*? '*/' -> channel(HIDDEN)
    ;

// Matches a prefix that contains no "*/", so a closed comment is always longer and wins.
UNTERMINATED_BLOCK_COMMENT
    : '/*' (~'*' | '*'+ ~[*/])* '*'*
    ;

WHITESPACE
    : [ \t\r\n\f]+ -> channel(HIDDEN)
    ;

// Catch-all, so that the lexer never fails on its own and every error comes from the parser.
UNRECOGNIZED
    : .
    ;

fragment DIGIT
    : [0-9]
    ;

fragment IDENTIFIER_START
    : [a-z_]
    ;

fragment IDENTIFIER_PART
    : [a-z_0-9]
    ;
