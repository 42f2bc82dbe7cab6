/**
 * Hand-written stand-in for the file that `npm run gen:api` generates from ../openapi.yaml.
 * It follows the API contract agreed with the backend; replace it by running `npm run gen:api`
 * as soon as openapi.yaml exists.
 */

type Json<T> = { headers: { [name: string]: unknown }; content: { "application/json": T } };
type NoContent = { headers: { [name: string]: unknown }; content?: never };
type Err = Json<components["schemas"]["ErrorBody"]>;
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type Methods = {
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
};
type Page<T> = { items: T[]; total: number; page: number; size: number };

export interface paths {
    "/api/public/procedures": Omit<Methods, "get"> & {
        parameters: NoParams;
        get: {
            parameters: {
                query?: { q?: string | null; sector?: number | null; page?: number; size?: number };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["ProcedureSummaryPage"]>; 422: Err };
        };
    };
    "/api/public/procedures/{code}": Omit<Methods, "get"> & {
        parameters: NoParams;
        get: {
            parameters: { query?: never; header?: never; path: { code: string }; cookie?: never };
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["ProcedurePublic"]>; 404: Err };
        };
    };
    "/api/public/procedures/{code}/qr.svg": Omit<Methods, "get"> & {
        parameters: NoParams;
        get: {
            parameters: { query?: never; header?: never; path: { code: string }; cookie?: never };
            requestBody?: never;
            responses: { 200: { headers: { [name: string]: unknown }; content: { "image/svg+xml": string } }; 404: Err };
        };
    };
    "/api/public/procedures/{code}/qr.png": Omit<Methods, "get"> & {
        parameters: NoParams;
        get: {
            parameters: { query?: never; header?: never; path: { code: string }; cookie?: never };
            requestBody?: never;
            responses: { 200: { headers: { [name: string]: unknown }; content: { "image/png": string } }; 404: Err };
        };
    };
    "/api/public/sectors": Omit<Methods, "get"> & {
        parameters: NoParams;
        get: {
            parameters: NoParams;
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["PublicSector"][]> };
        };
    };
    "/api/auth/token": Omit<Methods, "post"> & {
        parameters: NoParams;
        post: {
            parameters: NoParams;
            requestBody: {
                content: { "application/x-www-form-urlencoded": { username: string; password: string } };
            };
            responses: { 200: Json<components["schemas"]["TokenPair"]>; 401: Err; 422: Err; 429: Err };
        };
    };
    "/api/auth/refresh": Omit<Methods, "post"> & {
        parameters: NoParams;
        post: {
            parameters: NoParams;
            requestBody: { content: { "application/json": { refresh_token: string } } };
            responses: { 200: Json<components["schemas"]["TokenPair"]>; 401: Err; 422: Err };
        };
    };
    "/api/auth/logout": Omit<Methods, "post"> & {
        parameters: NoParams;
        post: {
            parameters: NoParams;
            requestBody: { content: { "application/json": { refresh_token: string } } };
            responses: { 204: NoContent; 422: Err };
        };
    };
    "/api/auth/me": Omit<Methods, "get"> & {
        parameters: NoParams;
        get: {
            parameters: NoParams;
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["StaffRead"]>; 401: Err };
        };
    };
    "/api/auth/password": Omit<Methods, "post"> & {
        parameters: NoParams;
        post: {
            parameters: NoParams;
            requestBody: { content: { "application/json": { current_password: string; new_password: string } } };
            responses: { 204: NoContent; 400: Err; 401: Err; 422: Err };
        };
    };
    "/api/staff": Omit<Methods, "get" | "post"> & {
        parameters: NoParams;
        get: {
            parameters: {
                query?: { q?: string | null; page?: number; size?: number };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["StaffPage"]>; 401: Err; 403: Err; 422: Err };
        };
        post: {
            parameters: NoParams;
            requestBody: { content: { "application/json": components["schemas"]["StaffCreate"] } };
            responses: { 201: Json<components["schemas"]["StaffRead"]>; 401: Err; 403: Err; 409: Err; 422: Err };
        };
    };
    "/api/staff/{staff_id}": Omit<Methods, "get" | "patch"> & {
        parameters: NoParams;
        get: {
            parameters: { query?: never; header?: never; path: { staff_id: number }; cookie?: never };
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["StaffRead"]>; 401: Err; 403: Err; 404: Err };
        };
        patch: {
            parameters: { query?: never; header?: never; path: { staff_id: number }; cookie?: never };
            requestBody: { content: { "application/json": components["schemas"]["StaffUpdate"] } };
            responses: { 200: Json<components["schemas"]["StaffRead"]>; 401: Err; 403: Err; 404: Err; 422: Err };
        };
    };
    "/api/staff/{staff_id}/password": Omit<Methods, "post"> & {
        parameters: NoParams;
        post: {
            parameters: { query?: never; header?: never; path: { staff_id: number }; cookie?: never };
            requestBody: { content: { "application/json": { new_password: string } } };
            responses: { 204: NoContent; 401: Err; 403: Err; 404: Err; 422: Err };
        };
    };
    "/api/departments": Omit<Methods, "get" | "post"> & {
        parameters: NoParams;
        get: {
            parameters: NoParams;
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["DepartmentRead"][]>; 401: Err };
        };
        post: {
            parameters: NoParams;
            requestBody: { content: { "application/json": components["schemas"]["DepartmentCreate"] } };
            responses: { 201: Json<components["schemas"]["DepartmentRead"]>; 401: Err; 403: Err; 409: Err; 422: Err };
        };
    };
    "/api/departments/{department_id}": Omit<Methods, "patch"> & {
        parameters: NoParams;
        patch: {
            parameters: { query?: never; header?: never; path: { department_id: number }; cookie?: never };
            requestBody: { content: { "application/json": components["schemas"]["DepartmentUpdate"] } };
            responses: { 200: Json<components["schemas"]["DepartmentRead"]>; 401: Err; 403: Err; 404: Err; 409: Err; 422: Err };
        };
    };
    "/api/sectors": Omit<Methods, "get" | "post"> & {
        parameters: NoParams;
        get: {
            parameters: NoParams;
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["SectorRead"][]>; 401: Err };
        };
        post: {
            parameters: NoParams;
            requestBody: { content: { "application/json": components["schemas"]["SectorCreate"] } };
            responses: { 201: Json<components["schemas"]["SectorRead"]>; 401: Err; 403: Err; 409: Err; 422: Err };
        };
    };
    "/api/sectors/{sector_id}": Omit<Methods, "patch"> & {
        parameters: NoParams;
        patch: {
            parameters: { query?: never; header?: never; path: { sector_id: number }; cookie?: never };
            requestBody: { content: { "application/json": components["schemas"]["SectorUpdate"] } };
            responses: { 200: Json<components["schemas"]["SectorRead"]>; 401: Err; 403: Err; 404: Err; 409: Err; 422: Err };
        };
    };
    "/api/units/current": Omit<Methods, "get" | "patch"> & {
        parameters: NoParams;
        get: {
            parameters: NoParams;
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["UnitRead"]>; 401: Err };
        };
        patch: {
            parameters: NoParams;
            requestBody: { content: { "application/json": components["schemas"]["UnitUpdate"] } };
            responses: { 200: Json<components["schemas"]["UnitRead"]>; 401: Err; 403: Err; 409: Err; 422: Err };
        };
    };
    "/api/calendar": Omit<Methods, "get"> & {
        parameters: NoParams;
        get: {
            parameters: NoParams;
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["CalendarSettings"]>; 401: Err };
        };
    };
    "/api/calendar/working-hours": Omit<Methods, "put"> & {
        parameters: NoParams;
        put: {
            parameters: NoParams;
            requestBody: { content: { "application/json": components["schemas"]["CalendarSettings"] } };
            responses: { 200: Json<components["schemas"]["CalendarSettings"]>; 401: Err; 403: Err; 422: Err };
        };
    };
    "/api/calendar/days": Omit<Methods, "get" | "post"> & {
        parameters: NoParams;
        get: {
            parameters: { query: { year: number }; header?: never; path?: never; cookie?: never };
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["CalendarDayRead"][]>; 401: Err; 422: Err };
        };
        post: {
            parameters: NoParams;
            requestBody: { content: { "application/json": components["schemas"]["CalendarDayCreate"] } };
            responses: { 201: Json<components["schemas"]["CalendarDayRead"]>; 401: Err; 403: Err; 409: Err; 422: Err };
        };
    };
    "/api/calendar/days/{day_id}": Omit<Methods, "patch" | "delete"> & {
        parameters: NoParams;
        patch: {
            parameters: { query?: never; header?: never; path: { day_id: number }; cookie?: never };
            requestBody: { content: { "application/json": components["schemas"]["CalendarDayUpdate"] } };
            responses: { 200: Json<components["schemas"]["CalendarDayRead"]>; 401: Err; 403: Err; 404: Err; 422: Err };
        };
        delete: {
            parameters: { query?: never; header?: never; path: { day_id: number }; cookie?: never };
            requestBody?: never;
            responses: { 204: NoContent; 401: Err; 403: Err; 404: Err };
        };
    };
    "/api/calendar/due-date": Omit<Methods, "get"> & {
        parameters: NoParams;
        get: {
            parameters: {
                query: {
                    start: string;
                    working_days?: number | null;
                    working_hours?: number | null;
                    calendar_days?: number | null;
                    same_day?: boolean | null;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["DueDateRead"]>; 401: Err; 422: Err };
        };
    };
    "/api/procedures": Omit<Methods, "get" | "post"> & {
        parameters: NoParams;
        get: {
            parameters: {
                query?: { q?: string | null; sector?: number | null; published?: boolean | null; page?: number; size?: number };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["ProcedureAdminPage"]>; 401: Err; 422: Err };
        };
        post: {
            parameters: NoParams;
            requestBody: { content: { "application/json": components["schemas"]["ProcedureCreate"] } };
            responses: { 201: Json<components["schemas"]["ProcedureAdminRead"]>; 401: Err; 403: Err; 409: Err; 422: Err };
        };
    };
    "/api/procedures/{code}": Omit<Methods, "get" | "put"> & {
        parameters: NoParams;
        get: {
            parameters: { query?: never; header?: never; path: { code: string }; cookie?: never };
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["ProcedureAdminRead"]>; 401: Err; 404: Err };
        };
        put: {
            parameters: { query?: never; header?: never; path: { code: string }; cookie?: never };
            requestBody: { content: { "application/json": components["schemas"]["ProcedureUpdate"] } };
            responses: { 200: Json<components["schemas"]["ProcedureAdminRead"]>; 401: Err; 403: Err; 404: Err; 422: Err };
        };
    };
    "/api/procedures/{code}/publish": Omit<Methods, "post"> & {
        parameters: NoParams;
        post: {
            parameters: { query?: never; header?: never; path: { code: string }; cookie?: never };
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["ProcedureAdminRead"]>; 401: Err; 403: Err; 404: Err };
        };
    };
    "/api/procedures/{code}/unpublish": Omit<Methods, "post"> & {
        parameters: NoParams;
        post: {
            parameters: { query?: never; header?: never; path: { code: string }; cookie?: never };
            requestBody?: never;
            responses: { 200: Json<components["schemas"]["ProcedureAdminRead"]>; 401: Err; 403: Err; 404: Err };
        };
    };
}

export type webhooks = Record<string, never>;

export interface components {
    schemas: {
        ErrorBody: {
            code: string;
            message: string;
            fields: { field: string; message: string }[];
        };
        SectorRef: { id: number; name_vi: string; name_en: string | null };
        ProcessingTime: {
            channel: "in_person" | "online" | "postal";
            amount: number | null;
            unit: "working_hours" | "working_days" | "calendar_days" | "same_day" | null;
            text: string | null;
        };
        Fee: { description: string; amount_vnd: number | null; note: string | null };
        ProcedureDocument: {
            name: string;
            originals: number;
            copies: number;
            mandatory: boolean;
            condition: string | null;
            group: string | null;
            template: string | null;
        };
        ProcedureResult: { name: string; code: string | null };
        LegalBasis: { code: string; title: string | null };
        ProcedureSummary: {
            code: string;
            name_vi: string;
            name_en: string | null;
            sector: components["schemas"]["SectorRef"];
            processing_times: components["schemas"]["ProcessingTime"][];
            fees: components["schemas"]["Fee"][];
        };
        ProcedureSummaryPage: Page<components["schemas"]["ProcedureSummary"]>;
        ProcedurePublic: components["schemas"]["ProcedureSummary"] & {
            version: number;
            level: string | null;
            agency: string | null;
            channels: string[];
            documents: components["schemas"]["ProcedureDocument"][];
            steps: string[];
            conditions: string[];
            results: components["schemas"]["ProcedureResult"][];
            legal_basis: components["schemas"]["LegalBasis"][];
            target_users: string[];
            public_url: string;
        };
        ProcedureAdminSummary: components["schemas"]["ProcedureSummary"] & {
            version: number;
            is_published: boolean;
            updated_at: string;
        };
        ProcedureAdminPage: Page<components["schemas"]["ProcedureAdminSummary"]>;
        ProcedureAdminRead: components["schemas"]["ProcedurePublic"] & {
            is_published: boolean;
            versions: { version: number; created_at: string; created_by: string | null }[];
        };
        ProcedureUpdate: {
            name_vi: string;
            name_en?: string | null;
            sector_id: number;
            level?: string | null;
            agency?: string | null;
            channels: string[];
            processing_times: components["schemas"]["ProcessingTime"][];
            fees: components["schemas"]["Fee"][];
            documents: components["schemas"]["ProcedureDocument"][];
            steps: string[];
            conditions: string[];
            results: components["schemas"]["ProcedureResult"][];
            legal_basis: components["schemas"]["LegalBasis"][];
            target_users: string[];
        };
        ProcedureCreate: components["schemas"]["ProcedureUpdate"] & { code: string };
        PublicSector: { id: number; name_vi: string; name_en: string | null; procedure_count: number };
        TokenPair: { access_token: string; refresh_token: string; token_type: "bearer"; expires_in: number };
        Role: "admin" | "leader" | "receptionist" | "specialist";
        StaffRead: {
            id: number;
            username: string;
            full_name: string;
            email: string | null;
            phone: string | null;
            is_active: boolean;
            roles: components["schemas"]["Role"][];
            sector_ids: number[];
            department_id: number | null;
            center: { id: number; name: string; unit_code: string };
        };
        StaffPage: Page<components["schemas"]["StaffRead"]>;
        StaffCreate: {
            username: string;
            full_name: string;
            email?: string | null;
            phone?: string | null;
            password: string;
            roles: components["schemas"]["Role"][];
            sector_ids: number[];
            department_id?: number | null;
        };
        StaffUpdate: {
            full_name?: string | null;
            email?: string | null;
            phone?: string | null;
            roles?: components["schemas"]["Role"][] | null;
            sector_ids?: number[] | null;
            department_id?: number | null;
            is_active?: boolean | null;
        };
        DepartmentRead: { id: number; name: string; code: string | null; is_active: boolean };
        DepartmentCreate: { name: string; code?: string | null };
        DepartmentUpdate: { name?: string | null; code?: string | null; is_active?: boolean | null };
        SectorRead: { id: number; code: string | null; name_vi: string; name_en: string | null };
        SectorCreate: { name_vi: string; name_en?: string | null; code?: string | null };
        SectorUpdate: { name_vi?: string | null; name_en?: string | null; code?: string | null };
        PlaceRef: { id: number; name: string; code: string | null };
        UnitRead: {
            id: number;
            name: string;
            unit_code: string;
            commune: components["schemas"]["PlaceRef"];
            province: components["schemas"]["PlaceRef"];
            former_units: (components["schemas"]["PlaceRef"] & { merged_on: string })[];
        };
        UnitUpdate: { name?: string | null; unit_code?: string | null };
        WorkingInterval: { weekday: number; start: string; end: string };
        CalendarSettings: {
            working_hours: components["schemas"]["WorkingInterval"][];
            same_day_cutoff: string;
            hours_per_working_day: number;
        };
        CalendarDayRead: {
            id: number;
            date: string;
            kind: "day_off" | "working_day";
            name: string;
            source: "holidays" | "admin";
        };
        CalendarDayCreate: { date: string; kind: "day_off" | "working_day"; name: string };
        CalendarDayUpdate: { kind?: "day_off" | "working_day" | null; name?: string | null };
        DueDateRead: {
            due_at: string;
            explanation: { kind: string; day: string | null; text: string }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}

export type $defs = Record<string, never>;
export type operations = Record<string, never>;
