export declare const CSV_FIELDS: readonly string[];
export declare function isCsvField(field: string): boolean;
export declare function guessMapping(header: string[]): Record<string, string>;
export declare function parseMapArgument(text: string): Record<string, string>;
export declare function csvRecordToItem(header: string[], record: string[], mapping: Record<string, string>, tagSeparator?: string): Record<string, unknown>;
export declare function jsonlLineToItem(text: string): { item: unknown; error?: undefined } | { item?: undefined; error: string };
export declare function withDefaultId(item: unknown, prefix: string, line: number): unknown;
