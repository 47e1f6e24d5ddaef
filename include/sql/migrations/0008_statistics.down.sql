DROP FUNCTION ops.analyze(text[]);
