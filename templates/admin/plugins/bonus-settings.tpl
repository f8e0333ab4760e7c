<div class="acp-page-container bonus-admin" data-bonus-page="admin-settings">
  <form data-bonus="settings-form" class="row g-4">
    <div class="col-12 d-flex justify-content-between align-items-center bonus-sticky-actions" data-bonus="save-bar">
      <h1 class="fs-4 mb-0">{{tx("bonus:settings.title")}}</h1>
      <button type="submit" class="btn btn-primary">{{tx("bonus:settings.save")}}</button>
    </div>

    <section class="col-12 col-xl-6" aria-labelledby="bonus-set-roles">
      <h2 id="bonus-set-roles" class="fs-5">{{tx("bonus:settings.section.roles")}}</h2>
      <p class="text-secondary small">{{tx("bonus:settings.roles-help")}}</p>
      {{{ each roles }}}
      <div class="mb-2 row align-items-center">
        <label class="col-12 col-sm-5 col-form-label text-break" for="bonus-role-{./role}">{{tx(./label)}}</label>
        <div class="col-12 col-sm-7">
          <select class="form-select" id="bonus-role-{./role}" name="{./name}">
            <option value=""{{{ if ./unmapped }}} selected{{{ end }}}>{{tx("bonus:settings.not-mapped")}}</option>
            {{{ each ./groups }}}<option value="{./name}"{{{ if ./selected }}} selected{{{ end }}}>{./name}</option>{{{ end }}}
          </select>
        </div>
      </div>
      {{{ end }}}
    </section>

    <section class="col-12 col-xl-6" aria-labelledby="bonus-set-cats">
      <h2 id="bonus-set-cats" class="fs-5">{{tx("bonus:settings.section.categories")}}</h2>
      <p class="text-secondary small">{{tx("bonus:settings.categories-help")}}</p>
      <div data-name="earningCids">
      {{{ each categories }}}
      <div class="form-check">
        <input class="form-check-input" type="checkbox" id="bonus-cat-{./cid}" data-bonus="earning-cid" value="{./cid}"{{{ if ./checked }}} checked{{{ end }}}>
        <label class="form-check-label" for="bonus-cat-{./cid}">{./name}</label>
      </div>
      {{{ end }}}
      </div>
      <h3 class="fs-6 mt-3">{{tx("bonus:settings.farming")}}</h3>
      <p class="text-secondary small">{{tx("bonus:settings.farming-help")}}</p>
      <div class="mb-2 row align-items-center">
        <label class="col-7 col-form-label" for="bonus-min-length">{{tx("bonus:settings.min-post-length")}}</label>
        <div class="col-5"><input class="form-control" type="number" min="0" max="10000" step="1" id="bonus-min-length" name="minPostLength" value="{minPostLength}"></div>
      </div>
      <div class="mb-2 row align-items-center">
        <label class="col-7 col-form-label" for="bonus-daily-posts">{{tx("bonus:settings.daily-earning-posts")}}</label>
        <div class="col-5"><input class="form-control" type="number" min="0" max="1000" step="1" id="bonus-daily-posts" name="dailyEarningPosts" value="{dailyEarningPosts}"></div>
      </div>
    </section>

    <section class="col-12 col-xl-6" aria-labelledby="bonus-set-amounts">
      <h2 id="bonus-set-amounts" class="fs-5">{{tx("bonus:settings.section.amounts")}}</h2>
      <p class="text-secondary small">{{tx("bonus:settings.amounts-help")}}</p>
      {{{ each amounts }}}
      <div class="mb-2 row align-items-center">
        <label class="col-7 col-form-label" for="bonus-amount-{./name}">{{tx(./label)}}</label>
        <div class="col-5"><input class="form-control" type="number" min="0" step="1" id="bonus-amount-{./name}" name="{./name}" value="{./value}"></div>
      </div>
      {{{ end }}}
    </section>

    <section class="col-12 col-xl-6" aria-labelledby="bonus-set-checkout">
      <h2 id="bonus-set-checkout" class="fs-5">{{tx("bonus:settings.section.checkout")}}</h2>
      <p class="text-secondary small">{{tx("bonus:settings.checkout-help")}}</p>
      <div class="mb-2 row align-items-center">
        <label class="col-7 col-form-label" for="bonus-min-order">{{tx("bonus:settings.min-souvenir-order")}}</label>
        <div class="col-5"><input class="form-control" type="number" min="0" step="1" id="bonus-min-order" name="minSouvenirOrder" value="{minSouvenirOrder}"></div>
      </div>
      <div class="table-responsive"><table class="table table-sm align-middle mb-0">
        <thead><tr><th scope="col">{{tx("bonus:settings.promo-group")}}</th><th scope="col">{{tx("bonus:settings.promo-code")}}</th><th scope="col">{{tx("bonus:settings.promo-percent")}}</th></tr></thead>
        <tbody>
          {{{ each promos }}}
          <tr>
            <th scope="row" class="fw-normal">{{tx(./label)}}</th>
            <td><input class="form-control form-control-sm" maxlength="50" name="{./codeName}" value="{./code}" aria-label="{{tx("bonus:settings.promo-code")}}"></td>
            <td><input class="form-control form-control-sm" type="number" min="0" max="100" step="1" name="{./percentName}" value="{./percent}" aria-label="{{tx("bonus:settings.promo-percent")}}"></td>
          </tr>
          {{{ end }}}
        </tbody>
      </table></div>
    </section>

    <section class="col-12 col-xl-6" aria-labelledby="bonus-set-time">
      <h2 id="bonus-set-time" class="fs-5">{{tx("bonus:settings.section.time")}}</h2>
      <p class="text-secondary small">{{tx("bonus:settings.time-help")}}</p>
      <div class="mb-2 row align-items-center">
        <label class="col-7 col-form-label" for="bonus-hold">{{tx("bonus:settings.hold-window")}}</label>
        <div class="col-5"><input class="form-control" type="number" min="0" step="1" id="bonus-hold" name="holdWindowHours" value="{holdWindowHours}"></div>
      </div>
      <div class="mb-2 row align-items-center">
        <label class="col-7 col-form-label" for="bonus-bd-before">{{tx("bonus:settings.birthday-before")}}</label>
        <div class="col-5"><input class="form-control" type="number" min="0" max="5" step="1" id="bonus-bd-before" name="birthdayMonthsBefore" value="{birthdayMonthsBefore}"></div>
      </div>
      <div class="mb-2 row align-items-center">
        <label class="col-7 col-form-label" for="bonus-bd-after">{{tx("bonus:settings.birthday-after")}}</label>
        <div class="col-5"><input class="form-control" type="number" min="0" max="5" step="1" id="bonus-bd-after" name="birthdayMonthsAfter" value="{birthdayMonthsAfter}"></div>
      </div>
      <div class="mb-2 row align-items-center">
        <label class="col-7 col-form-label" for="bonus-tz">{{tx("bonus:settings.time-zone")}}</label>
        <div class="col-5"><input class="form-control{{{ if !timeZoneValid }}} is-invalid{{{ end }}}" id="bonus-tz" name="timeZone" value="{timeZone}"></div>
      </div>
    </section>

    <section class="col-12 col-xl-6" aria-labelledby="bonus-set-operations">
      <h2 id="bonus-set-operations" class="fs-5">{{tx("bonus:settings.section.operations")}}</h2>
      <div class="mb-3">
        <label class="form-label" for="bonus-operations-tid">{{tx("bonus:settings.operations-tid")}}</label>
        <input class="form-control" type="number" min="0" step="1" id="bonus-operations-tid" name="operationsTid" value="{operationsTid}" aria-describedby="bonus-operations-tid-help">
        <div class="form-text" id="bonus-operations-tid-help">{{tx("bonus:settings.operations-tid-help")}}</div>
      </div>
      <div class="mb-3">
        <label class="form-label" for="bonus-operations-mode">{{tx("bonus:settings.operations-publish-mode")}}</label>
        <select class="form-select" id="bonus-operations-mode" name="operationsPublishMode" aria-describedby="bonus-operations-mode-help">
          {{{ each publishModes }}}<option value="{./value}"{{{ if ./selected }}} selected{{{ end }}}>{{tx(./text)}}</option>{{{ end }}}
        </select>
        <div class="form-text" id="bonus-operations-mode-help">{{tx("bonus:settings.operations-publish-mode-help")}}</div>
      </div>
    </section>

    <section class="col-12 col-xl-6" aria-labelledby="bonus-set-delivery">
      <h2 id="bonus-set-delivery" class="fs-5">{{tx("bonus:settings.section.delivery")}}</h2>
      {{{ each delivery }}}
      <div class="mb-3">
        <label class="form-label" for="bonus-delivery-{./name}">{{tx(./label)}}</label>
        <input class="form-control" id="bonus-delivery-{./name}" name="{./name}" value="{./value}"{{{ if ./number }}} type="number" min="0" step="1"{{{ else }}} autocapitalize="characters" spellcheck="false"{{{ end }}}{{{ if ./maxLength }}} maxlength="{./maxLength}"{{{ end }}} aria-describedby="bonus-delivery-{./name}-help">
        <div class="form-text" id="bonus-delivery-{./name}-help">{{tx(./help)}}</div>
      </div>
      {{{ end }}}
      <div class="mb-3">
        <label class="form-label" for="bonus-pickup-place">{{tx("bonus:settings.pickup-place")}}</label>
        <textarea class="form-control" rows="3" maxlength="1000" id="bonus-pickup-place" name="pickupPlace" aria-describedby="bonus-pickup-place-help">{pickupPlace}</textarea>
        <div class="form-text" id="bonus-pickup-place-help">{{tx("bonus:settings.pickup-place-help")}}</div>
      </div>
    </section>

    <section class="col-12" aria-labelledby="bonus-set-excl">
      <h2 id="bonus-set-excl" class="fs-5">{{tx("bonus:settings.section.exclusions")}}</h2>
      <p class="text-secondary small">{{tx("bonus:settings.exclusions-help")}}</p>
      <div class="table-responsive"><table class="table table-sm bonus-matrix" data-bonus="role-matrix">
        <thead><tr><th scope="col" class="align-bottom">{{tx("bonus:settings.rule")}}</th>{{{ each roles }}}<th scope="col" class="bonus-matrix-role">{{tx(./label)}}</th>{{{ end }}}</tr></thead>
        <tbody>
          {{{ each exclusions }}}
          <tr data-bonus="exclusion" data-name="{./name}">
            <th scope="row">{{tx(./label)}}</th>
            {{{ each ./roles }}}<td class="text-center"><input class="form-check-input" type="checkbox" value="{./role}" aria-label="{{tx(./label)}}"{{{ if ./checked }}} checked{{{ end }}}></td>{{{ end }}}
          </tr>
          {{{ end }}}
        </tbody>
      </table></div>
    </section>

    <section class="col-12" aria-labelledby="bonus-set-finance">
      <h2 id="bonus-set-finance" class="fs-5">{{tx("bonus:settings.section.finance")}}</h2>
      <p class="text-secondary small">{{tx("bonus:settings.finance-help")}}</p>
      <div class="row">
        <div class="col-12 col-xl-6">
          {{{ each finance.numbers }}}
          <div class="mb-2 row align-items-center">
            <label class="col-7 col-form-label" for="bonus-fin-{./name}">{{tx(./label)}}</label>
            <div class="col-5"><input class="form-control" type="number" min="0" step="1" id="bonus-fin-{./name}" name="{./name}" value="{./value}"></div>
          </div>
          {{{ end }}}
        </div>
        <div class="col-12 col-xl-6">
          <div class="mb-2 row align-items-center">
            <label class="col-7 col-form-label" for="bonus-fin-charity">{{tx("bonus:settings.finance.charity-username")}}</label>
            <div class="col-5"><input class="form-control" id="bonus-fin-charity" name="charityUsername" value="{finance.charityUsername}"></div>
          </div>
          <div class="mb-2 row align-items-center">
            <label class="col-7 col-form-label" for="bonus-fin-approval">{{tx("bonus:settings.finance.loan-approval")}}</label>
            <div class="col-5">
              <select class="form-select" id="bonus-fin-approval" name="loanApproval">
                {{{ each finance.approvals }}}<option value="{./value}"{{{ if ./selected }}} selected{{{ end }}}>{{tx(./text)}}</option>{{{ end }}}
              </select>
            </div>
          </div>
        </div>
      </div>
      <div class="table-responsive"><table class="table table-sm bonus-matrix" data-bonus="role-matrix">
        <thead><tr><th scope="col" class="align-bottom">{{tx("bonus:settings.rule")}}</th>{{{ each roles }}}<th scope="col" class="bonus-matrix-role">{{tx(./label)}}</th>{{{ end }}}</tr></thead>
        <tbody>
          {{{ each finance.roles }}}
          <tr data-bonus="exclusion" data-name="{./name}">
            <th scope="row">{{tx(./label)}}</th>
            {{{ each ./roles }}}<td class="text-center"><input class="form-check-input" type="checkbox" value="{./role}" aria-label="{{tx(./label)}}"{{{ if ./checked }}} checked{{{ end }}}></td>{{{ end }}}
          </tr>
          {{{ end }}}
        </tbody>
      </table></div>
    </section>

    <section class="col-12" aria-labelledby="bonus-set-retail" data-bonus="retail-settings">
      <h2 id="bonus-set-retail" class="fs-5">{{tx("bonus:settings.section.retail")}}</h2>
      <p class="text-secondary small">{{tx("bonus:settings.retail-help")}}</p>
      <div class="row">
        <div class="col-12 col-xl-6">
          {{{ each retail.numbers }}}
          <div class="mb-2 row align-items-center">
            <label class="col-7 col-form-label" for="bonus-retail-{./name}">{{tx(./label)}}</label>
            <div class="col-5"><input class="form-control" type="number" min="0" step="1" id="bonus-retail-{./name}" name="{./name}" value="{./value}"></div>
          </div>
          {{{ end }}}
        </div>
        <div class="col-12 col-xl-6">
          <div class="mb-2 row align-items-center">
            <label class="col-7 col-form-label" for="bonus-retail-group">{{tx("bonus:settings.retail.retail-sellers-group")}}</label>
            <div class="col-5">
              <select class="form-select" id="bonus-retail-group" name="retailSellersGroup">
                {{{ each retail.groups }}}<option value="{./name}"{{{ if ./selected }}} selected{{{ end }}}>{./name}</option>{{{ end }}}
              </select>
            </div>
          </div>
          <div class="mb-2 row align-items-center">
            <label class="col-7 col-form-label" for="bonus-retail-approval">{{tx("bonus:settings.retail.retail-approval")}}</label>
            <div class="col-5">
              <select class="form-select" id="bonus-retail-approval" name="retailApproval">
                {{{ each retail.approvals }}}<option value="{./value}"{{{ if ./selected }}} selected{{{ end }}}>{{tx(./text)}}</option>{{{ end }}}
              </select>
            </div>
          </div>
          <div class="mb-2 row align-items-center">
            <label class="col-7 col-form-label" for="bonus-retail-tax-scope">{{tx("bonus:settings.retail.retail-tax-scope")}}</label>
            <div class="col-5">
              <select class="form-select" id="bonus-retail-tax-scope" name="retailTaxScope">
                {{{ each retail.taxScopes }}}<option value="{./value}"{{{ if ./selected }}} selected{{{ end }}}>{{tx(./text)}}</option>{{{ end }}}
              </select>
            </div>
          </div>
        </div>
      </div>
    </section>

    <section class="col-12" aria-labelledby="bonus-set-events" data-bonus="events-settings">
      <h2 id="bonus-set-events" class="fs-5">{{tx("bonus:settings.section.events")}}</h2>
      <p class="text-secondary small">{{tx("bonus:settings.events-help")}}</p>
      <div class="row">
        <div class="col-12 col-xl-6">
          {{{ each events.numbers }}}
          <div class="mb-2 row align-items-center">
            <label class="col-7 col-form-label" for="bonus-events-{./name}">{{tx(./label)}}</label>
            <div class="col-5"><input class="form-control" type="number" min="0" step="1" id="bonus-events-{./name}" name="{./name}" value="{./value}"></div>
          </div>
          {{{ end }}}
        </div>
        <div class="col-12 col-xl-6">
          {{{ each events.texts }}}
          <div class="mb-2">
            <label class="form-label" for="bonus-events-{./name}">{{tx(./label)}}</label>
            <input class="form-control" type="text" id="bonus-events-{./name}" name="{./name}" value="{./value}">
          </div>
          {{{ end }}}
        </div>
      </div>
    </section>

    <section class="col-12" aria-labelledby="bonus-set-game" data-bonus="game-settings">
      <h2 id="bonus-set-game" class="fs-5">{{tx("bonus:settings.section.game")}}</h2>
      <p class="text-secondary small">{{tx("bonus:settings.game-help")}}</p>
      <div class="row"><div class="col-12 col-xl-6">
        {{{ each game.numbers }}}
        <div class="mb-2 row align-items-center">
          <label class="col-7 col-form-label" for="bonus-game-{./name}">{{tx(./label)}}</label>
          <div class="col-5"><input class="form-control" type="number" min="1" step="1" id="bonus-game-{./name}" name="{./name}" value="{./value}"></div>
        </div>
        {{{ end }}}
      </div></div>
    </section>

    <section class="col-12" aria-labelledby="bonus-set-licences" data-bonus="licences-settings">
      <h2 id="bonus-set-licences" class="fs-5">{{tx("bonus:settings.section.licences")}}</h2>
      <p class="text-secondary small">{{tx("bonus:settings.licences-help")}}</p>
      <div class="row"><div class="col-12 col-xl-6">
        <div class="mb-2 row align-items-center">
          <label class="col-7 col-form-label" for="bonus-licences-unknown">{{tx("bonus:settings.licences.licences-unknown-codes")}}</label>
          <div class="col-5">
            <select class="form-select" id="bonus-licences-unknown" name="licencesUnknownCodes">
              {{{ each licences.unknownCodes }}}<option value="{./value}"{{{ if ./selected }}} selected{{{ end }}}>{{tx(./text)}}</option>{{{ end }}}
            </select>
          </div>
        </div>
        {{{ each licences.numbers }}}
        <div class="mb-2 row align-items-center">
          <label class="col-7 col-form-label" for="bonus-licences-{./name}">{{tx(./label)}}</label>
          <div class="col-5"><input class="form-control" type="number" min="0" step="1" id="bonus-licences-{./name}" name="{./name}" value="{./value}"></div>
        </div>
        {{{ end }}}
        <div class="mb-2 row align-items-center">
          <label class="col-7 col-form-label" for="bonus-licences-reminders">{{tx("bonus:settings.licences.licences-reminder-days")}}</label>
          <div class="col-5"><input class="form-control" type="text" inputmode="numeric" id="bonus-licences-reminders" name="licencesReminderDays" value="{licences.reminderDays}"></div>
        </div>
      </div></div>
    </section>

    <section class="col-12" aria-labelledby="bonus-set-requests" data-bonus="requests-settings">
      <h2 id="bonus-set-requests" class="fs-5">{{tx("bonus:settings.section.requests")}}</h2>
      <p class="text-secondary small">{{tx("bonus:settings.requests-help")}}</p>
      <div class="row"><div class="col-12 col-xl-6">
        <div class="mb-2 row align-items-center">
          <label class="col-7 col-form-label" for="bonus-requests-staff">{{tx("bonus:settings.requests.requests-staff-group")}}</label>
          <div class="col-5">
            <select class="form-select" id="bonus-requests-staff" name="requestsStaffGroup">
              {{{ each requests.groups }}}<option value="{./name}"{{{ if ./selected }}} selected{{{ end }}}>{./name}</option>{{{ end }}}
            </select>
          </div>
        </div>
        {{{ each requests.numbers }}}
        <div class="mb-2 row align-items-center">
          <label class="col-7 col-form-label" for="bonus-requests-{./name}">{{tx(./label)}}</label>
          <div class="col-5"><input class="form-control" type="number" min="0" step="1" id="bonus-requests-{./name}" name="{./name}" value="{./value}"></div>
        </div>
        {{{ end }}}
      </div></div>
    </section>

    <section class="col-12" aria-labelledby="bonus-set-actions">
      <h2 id="bonus-set-actions" class="fs-5">{{tx("bonus:settings.section.actions")}}</h2>
      <p class="text-secondary small">{{tx("bonus:settings.backfill-help")}}</p>
      <div class="d-flex flex-wrap gap-2">
        <button type="button" class="btn btn-outline-primary" data-bonus="backfill" data-mode="pay">{{tx("bonus:settings.backfill-pay")}}</button>
        <button type="button" class="btn btn-outline-secondary" data-bonus="backfill" data-mode="mark">{{tx("bonus:settings.backfill-mark")}}</button>
        <button type="button" class="btn btn-outline-secondary" data-bonus="reindex">{{tx("bonus:settings.reindex-birthdays")}}</button>
      </div>
    </section>
  </form>
</div>
