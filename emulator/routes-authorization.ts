// /api/v2/tokens/me and /api/v2/authorization/{roles,divisions}: who the caller is and what it may grant.
import { CLIENT_CREDENTIALS_SCOPES } from './defaults.js';
import { buildListing } from './paging.js';
import { type ApiRequest, json, type Reply } from './reply.js';

export function getTokenInfo(req: ApiRequest): Reply {
  const { caller, org } = req;
  return json(200, {
    organization: { ...org.organization, selfUri: `/api/v2/organizations/${org.organization.id}` },
    homeOrganization: { ...org.organization, selfUri: `/api/v2/organizations/${org.organization.id}` },
    authorizedScope: [...CLIENT_CREDENTIALS_SCOPES],
    OAuthClient: {
      id: caller.id,
      name: caller.name,
      dateCreated: caller.dateCreated,
      dateModified: caller.dateModified,
      authorizedGrantType: caller.authorizedGrantType,
      scope: [...caller.scope],
      ...(req.realism.fidelity.tokenRoles ? { roleDivisions: caller.roleDivisions.map((g) => ({ ...g })) } : {}),
      state: caller.state,
      organization: { id: org.organization.id },
      selfUri: caller.selfUri,
    },
  });
}

export function listRoles(req: ApiRequest): Reply {
  const roles = req.org.roles.map((role) => ({
    id: role.id,
    name: role.name,
    description: '',
    permissions: [],
    permissionPolicies: [],
    userCount: 0,
    default: false,
    base: false,
    selfUri: `/api/v2/authorization/roles/${role.id}`,
  }));
  return json(200, buildListing(roles, req.query, '/api/v2/authorization/roles'));
}

function toApiDivision(division: { id: string; name: string; home: boolean }): Record<string, unknown> & { id: string; name: string } {
  return {
    id: division.id,
    name: division.name,
    description: division.home ? 'The home division' : '',
    homeDivision: division.home,
    selfUri: `/api/v2/authorization/divisions/${division.id}`,
  };
}

export function listDivisions(req: ApiRequest): Reply {
  return json(200, buildListing(req.org.divisions.map(toApiDivision), req.query, '/api/v2/authorization/divisions'));
}

export function getHomeDivision(req: ApiRequest): Reply {
  return json(200, toApiDivision(req.org.homeDivision));
}
