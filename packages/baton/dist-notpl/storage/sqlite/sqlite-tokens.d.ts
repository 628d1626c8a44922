import type Database from 'better-sqlite3';
import { type TokenCommand, type TokenView } from '@baton/core';
/** API tokens on SQLite; each call runs inside the caller's transaction. */
declare function createSqliteTokens(db: Database.Database): {
    apply: (command: TokenCommand, now: number) => TokenView | null;
    none: () => boolean;
    get: (tokenId: string) => {
        id: string;
        name: string;
        scopes: ("admin" | "submit" | "read" | "agent")[];
        hash: string;
        revoked: boolean;
        issuedAt: number;
        updatedAt: number;
        version: number;
    } | null;
    list: () => {
        id: string;
        name: string;
        scopes: ("admin" | "submit" | "read" | "agent")[];
        hash: string;
        revoked: boolean;
        issuedAt: number;
        updatedAt: number;
        version: number;
    }[];
};
export { createSqliteTokens };
//# sourceMappingURL=sqlite-tokens.d.ts.map