/**
 * The public face of the events module (the sellers' monthly events, issue 17): the composition
 * root imports only this file.
 */
export { ContestService } from './service-contest';
export { DrawService, type DrawState, type DrawCategory } from './service-draw';
export { eventsFeature } from './feature';
