import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    sv: number;
  }
  interface Session {
    uid: string;
    sv: number;
    /** When the user signed in (seconds since the epoch). */
    authAt: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: string;
    sv: number;
    authAt: number;
  }
}
