<div class="acp-page-container bonus-admin bonus-admin-catalog-edit" data-bonus-page="admin-catalog-edit" data-product-id="{product.id}" data-kind="{product.kind}">
  <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
    <h1 class="fs-4 mb-0">{{{ if isNew }}}{{tx("admin/plugins/bonus:catalog.new-product")}} {{bonusTx("bonus:kind.", product.kind)}}{{{ else }}}{{tx("admin/plugins/bonus:catalog.edit-product", product.id)}}{{{ end }}}</h1>
    <div class="d-flex flex-wrap gap-2">
      <a class="btn btn-light border" href="{listUrl}">{{tx("admin/plugins/bonus:catalog.back-list")}}</a>
      {{{ if !isNew }}}
      <a class="btn btn-light border" href="{viewUrl}" target="_blank" rel="noopener">{{tx("admin/plugins/bonus:catalog.view-in-store")}}</a>
      <button class="btn btn-light border" type="button" data-action="duplicate">{{tx("admin/plugins/bonus:catalog.duplicate")}}</button>
      {{{ end }}}
    </div>
  </div>
  <div hidden data-bonus="product-json" data-json="{productJson}"></div>

  <form class="bonus-product-form" novalidate>
    <section class="card mb-3" aria-labelledby="bonus-basics-title">
      <div class="card-body row g-3">
        <h2 class="fs-5 col-12 mb-0" id="bonus-basics-title">{{tx("admin/plugins/bonus:catalog.basics")}}</h2>
        <div class="col-6 col-md-3">
          <label class="form-label" for="bonus-kind">{{tx("admin/plugins/bonus:catalog.kind")}}</label>
          <select class="form-select" id="bonus-kind" name="kind" disabled>
            {{{ each kinds }}}<option value="{./value}" {{{ if ./selected }}}selected{{{ end }}}>{{bonusTx("bonus:", ./key)}}</option>{{{ end }}}
          </select>
        </div>
        <div class="col-6 col-md-3">
          <label class="form-label" for="bonus-visibility">{{tx("admin/plugins/bonus:catalog.visibility")}}</label>
          <select class="form-select" id="bonus-visibility" name="visibility">
            {{{ each visibilities }}}<option value="{./value}" {{{ if ./selected }}}selected{{{ end }}}>{{bonusTx("bonus:", ./key)}}</option>{{{ end }}}
          </select>
        </div>
        <div class="col-12 col-md-6">
          <label class="form-label" for="bonus-programme">{{tx("admin/plugins/bonus:catalog.programme")}}</label>
          <select class="form-select" id="bonus-programme" name="programme" aria-describedby="bonus-programme-help">
            {{{ each programmes }}}<option value="{./value}" {{{ if ./selected }}}selected{{{ end }}}>{{bonusTx("bonus:", ./key)}}</option>{{{ end }}}
          </select>
          <div class="form-text" id="bonus-programme-help">{{tx("admin/plugins/bonus:catalog.programme-help")}}</div>
        </div>
        {{{ if !isTopUp }}}
        <div class="col-6 col-md-3">
          <label class="form-label" for="bonus-price">{{tx("admin/plugins/bonus:catalog.price")}}</label>
          <input class="form-control" id="bonus-price" name="priceInPoints" type="number" min="1" step="1" required value="{product.priceInPoints}">
        </div>
        {{{ end }}}
        <div class="col-6 col-md-6">
          <label class="form-label" for="bonus-category">{{tx("admin/plugins/bonus:catalog.category")}}</label>
          <select class="form-select" id="bonus-category" name="categoryId">
            <option value="">{{tx("admin/plugins/bonus:catalog.no-category")}}</option>
            {{{ each categories }}}<option value="{./id}" {{{ if ./selected }}}selected{{{ end }}}>{./title}</option>{{{ end }}}
          </select>
        </div>
        <div class="col-6 col-md-3">
          <label class="form-label" for="bonus-sort">{{tx("admin/plugins/bonus:catalog.sort-order")}}</label>
          <input class="form-control" id="bonus-sort" name="sortOrder" type="number" step="1" value="{product.sortOrder}">
        </div>
      </div>
    </section>

    <section class="card mb-3" aria-labelledby="bonus-texts-title">
      <div class="card-body">
        <h2 class="fs-5" id="bonus-texts-title">{{tx("admin/plugins/bonus:catalog.texts")}}</h2>
        <div class="row g-3">
          <div class="col-12 col-md-6" lang="en-GB">
            <label class="form-label" for="bonus-title-en">{{tx("admin/plugins/bonus:catalog.title-en")}}</label>
            <input class="form-control mb-2" id="bonus-title-en" name="title.en-GB" maxlength="200" value="{product.title.en-GB}">
            <label class="form-label" for="bonus-desc-en">{{tx("admin/plugins/bonus:catalog.description-en")}}</label>
            <textarea class="form-control" id="bonus-desc-en" name="description.en-GB" rows="6" maxlength="10000">{product.description.en-GB}</textarea>
          </div>
          <div class="col-12 col-md-6" lang="ru">
            <label class="form-label" for="bonus-title-ru">{{tx("admin/plugins/bonus:catalog.title-ru")}}</label>
            <input class="form-control mb-2" id="bonus-title-ru" name="title.ru" maxlength="200" value="{product.title.ru}">
            <label class="form-label" for="bonus-desc-ru">{{tx("admin/plugins/bonus:catalog.description-ru")}}</label>
            <textarea class="form-control" id="bonus-desc-ru" name="description.ru" rows="6" maxlength="10000">{product.description.ru}</textarea>
          </div>
        </div>
      </div>
    </section>

    <section class="card mb-3" aria-labelledby="bonus-images-title">
      <div class="card-body">
        <h2 class="fs-5" id="bonus-images-title">{{tx("admin/plugins/bonus:catalog.images")}}</h2>
        <label class="form-label" for="bonus-images">{{tx("admin/plugins/bonus:catalog.images-help")}}</label>
        <textarea class="form-control mb-2" id="bonus-images" name="images" rows="3">{imagesText}</textarea>
        <button class="btn btn-sm btn-light border" type="button" data-action="upload-image"><i class="fa fa-upload" aria-hidden="true"></i> {{tx("admin/plugins/bonus:catalog.upload-image")}}</button>
        <span class="small text-secondary ms-2" data-bonus="upload-note"></span>
      </div>
    </section>

    <section class="card mb-3" aria-labelledby="bonus-stock-title">
      <div class="card-body row g-3">
        <h2 class="fs-5 col-12 mb-0" id="bonus-stock-title">{{tx("admin/plugins/bonus:catalog.stock-and-sizes")}}</h2>
        {{{ if isLicense }}}
        <p class="col-12 mb-0 text-secondary">{{tx("admin/plugins/bonus:catalog.license-stock")}}</p>
        {{{ else }}}
        <div class="col-6 col-md-3">
          <label class="form-label" for="bonus-stock-mode">{{tx("admin/plugins/bonus:catalog.stock-mode")}}</label>
          <select class="form-select" id="bonus-stock-mode" name="stockMode">
            {{{ each stockModes }}}<option value="{./value}" {{{ if ./selected }}}selected{{{ end }}}>{{bonusTx("bonus:", ./key)}}</option>{{{ end }}}
          </select>
        </div>
        <div class="col-6 col-md-3 d-flex align-items-end">
          <div class="form-check">
            <input class="form-check-input" type="checkbox" id="bonus-in-stock" name="inStock" {{{ if product.inStock }}}checked{{{ end }}}>
            <label class="form-check-label" for="bonus-in-stock">{{tx("admin/plugins/bonus:catalog.in-stock-manual")}}</label>
          </div>
        </div>
        {{{ end }}}
        {{{ if isSouvenir }}}
        <div class="col-12 col-md-6">
          <label class="form-label" for="bonus-sizes">{{tx("admin/plugins/bonus:catalog.sizes")}}</label>
          <input class="form-control" id="bonus-sizes" name="sizes" value="{sizesText}" aria-describedby="bonus-sizes-help">
          <div class="form-text" id="bonus-sizes-help">{{tx("admin/plugins/bonus:catalog.sizes-help")}}</div>
        </div>
        {{{ if hasSizes }}}
        <fieldset class="col-12">
          <legend class="form-label fs-6">{{tx("admin/plugins/bonus:catalog.sizes-in-stock")}}</legend>
          {{{ each sizes }}}
          <div class="form-check form-check-inline"><input class="form-check-input" type="checkbox" name="sizeInStock" value="{./id}" id="bonus-size-stock-{./id}" {{{ if ./inStock }}}checked{{{ end }}}><label class="form-check-label" for="bonus-size-stock-{./id}">{./label}</label></div>
          {{{ end }}}
        </fieldset>
        {{{ end }}}
        {{{ end }}}
      </div>
    </section>

    {{{ if isSouvenir }}}
    <section class="card mb-3" aria-labelledby="bonus-delivery-title">
      <div class="card-body">
        <h2 class="fs-5" id="bonus-delivery-title">{{tx("admin/plugins/bonus:catalog.delivery")}}</h2>
        <div class="mb-3" style="max-width: 30rem;">
          <label class="form-label" for="bonus-delivery-class">{{tx("admin/plugins/bonus:catalog.delivery-class")}}</label>
          <select class="form-select" id="bonus-delivery-class" name="deliveryClass">
            {{{ each deliveryClasses }}}<option value="{./value}" {{{ if ./selected }}}selected{{{ end }}}>{{bonusTx("bonus:", ./key)}}</option>{{{ end }}}
          </select>
        </div>
        <fieldset class="mb-3">
          <legend class="form-label fs-6">{{tx("admin/plugins/bonus:catalog.allowed-countries")}}</legend>
          {{{ each allowed }}}
          <div class="form-check form-check-inline"><input class="form-check-input" type="checkbox" name="allowedCountries" value="{./code}" id="bonus-allowed-{./code}" {{{ if ./selected }}}checked{{{ end }}}><label class="form-check-label" for="bonus-allowed-{./code}">{{bonusTx("bonus:", ./nameKey)}}</label></div>
          {{{ end }}}
        </fieldset>
        <fieldset>
          <legend class="form-label fs-6">{{tx("admin/plugins/bonus:catalog.forbidden-countries")}}</legend>
          {{{ each forbidden }}}
          <div class="form-check form-check-inline"><input class="form-check-input" type="checkbox" name="forbiddenCountries" value="{./code}" id="bonus-forbidden-{./code}" {{{ if ./selected }}}checked{{{ end }}}><label class="form-check-label" for="bonus-forbidden-{./code}">{{bonusTx("bonus:", ./nameKey)}}</label></div>
          {{{ end }}}
        </fieldset>
      </div>
    </section>
    {{{ end }}}

    {{{ if isLicense }}}
    <section class="card mb-3" aria-labelledby="bonus-regions-title">
      <div class="card-body">
        <fieldset>
          <legend class="fs-5" id="bonus-regions-title">{{tx("admin/plugins/bonus:catalog.regions")}}</legend>
          {{{ each regions }}}
          <div class="form-check form-check-inline"><input class="form-check-input" type="checkbox" name="activationRegions" value="{./code}" id="bonus-region-{./code}" {{{ if ./selected }}}checked{{{ end }}}><label class="form-check-label" for="bonus-region-{./code}">{{bonusTx("bonus:", ./nameKey)}}</label></div>
          {{{ end }}}
        </fieldset>
      </div>
    </section>
    {{{ end }}}

    {{{ if isTopUp }}}
    <section class="card mb-3" aria-labelledby="bonus-topup-title">
      <div class="card-body row g-3">
        <h2 class="fs-5 col-12 mb-0" id="bonus-topup-title">{{tx("admin/plugins/bonus:catalog.top-up")}}</h2>
        <div class="col-4"><label class="form-label" for="bonus-topup-min">{{tx("admin/plugins/bonus:catalog.top-up-min")}}</label><input class="form-control" id="bonus-topup-min" name="topUp.minAmount" type="number" min="1" value="{product.topUp.minAmount}"></div>
        <div class="col-4"><label class="form-label" for="bonus-topup-step">{{tx("admin/plugins/bonus:catalog.top-up-step")}}</label><input class="form-control" id="bonus-topup-step" name="topUp.stepAmount" type="number" min="1" value="{product.topUp.stepAmount}"></div>
        <div class="col-4"><label class="form-label" for="bonus-topup-max">{{tx("admin/plugins/bonus:catalog.top-up-max")}}</label><input class="form-control" id="bonus-topup-max" name="topUp.maxAmount" type="number" min="1" value="{product.topUp.maxAmount}"></div>
      </div>
    </section>
    {{{ end }}}

    <section class="card mb-3" aria-labelledby="bonus-limit-title">
      <div class="card-body row g-3 align-items-end">
        <h2 class="fs-5 col-12 mb-0" id="bonus-limit-title">{{tx("admin/plugins/bonus:catalog.limit")}}</h2>
        <div class="col-12 col-md-3"><div class="form-check">
          <input class="form-check-input" type="checkbox" id="bonus-limit-on" name="limitOn" {{{ if hasLimit }}}checked{{{ end }}}>
          <label class="form-check-label" for="bonus-limit-on">{{tx("admin/plugins/bonus:catalog.limit-on")}}</label>
        </div></div>
        <div class="col-4 col-md-2"><label class="form-label" for="bonus-limit-units">{{tx("admin/plugins/bonus:catalog.limit-units")}}</label><input class="form-control" id="bonus-limit-units" name="limit.maxUnits" type="number" min="1" value="{{{ if hasLimit }}}{product.limit.maxUnits}{{{ else }}}1{{{ end }}}"></div>
        <div class="col-4 col-md-2"><label class="form-label" for="bonus-limit-months">{{tx("admin/plugins/bonus:catalog.limit-months")}}</label><input class="form-control" id="bonus-limit-months" name="limit.months" type="number" min="1" value="{{{ if hasLimit }}}{product.limit.months}{{{ else }}}3{{{ end }}}"></div>
        <div class="col-4 col-md-3"><label class="form-label" for="bonus-limit-scope">{{tx("admin/plugins/bonus:catalog.limit-scope")}}</label>
          <select class="form-select" id="bonus-limit-scope" name="limit.scope">{{{ each limitScopes }}}<option value="{./value}" {{{ if ./selected }}}selected{{{ end }}}>{{bonusTx("bonus:", ./key)}}</option>{{{ end }}}</select>
        </div>
      </div>
    </section>

    <div class="d-flex gap-2 mb-4">
      <button class="btn btn-primary" type="submit">{{tx("admin/plugins/bonus:catalog.save")}}</button>
      <p class="mb-0 text-danger align-self-center" role="alert" data-bonus="form-error"></p>
    </div>
  </form>

  {{{ if !isNew }}}
  {{{ if counted }}}
  <section class="card mb-3" aria-labelledby="bonus-adjust-title">
    <div class="card-body">
      <h2 class="fs-5" id="bonus-adjust-title">{{tx("admin/plugins/bonus:catalog.adjust")}}</h2>
      <p>{{tx("admin/plugins/bonus:catalog.current-stock")}} <strong data-bonus="stock-total">{productStock}</strong>
        {{{ each sizes }}}<span class="badge text-bg-light border ms-1">{./label}: {./count}</span>{{{ end }}}</p>
      <form class="row g-2 align-items-end bonus-adjust-form" novalidate>
        {{{ if hasSizes }}}
        <div class="col-6 col-md-2"><label class="form-label" for="bonus-adjust-size">{{tx("admin/plugins/bonus:catalog.size")}}</label>
          <select class="form-select" id="bonus-adjust-size" name="variantId" required>{{{ each sizes }}}<option value="{./id}">{./label}</option>{{{ end }}}</select></div>
        {{{ end }}}
        <div class="col-6 col-md-2"><label class="form-label" for="bonus-adjust-delta">{{tx("admin/plugins/bonus:catalog.delta")}}</label><input class="form-control" id="bonus-adjust-delta" name="delta" type="number" step="1" required aria-describedby="bonus-adjust-help"></div>
        <div class="col-12 col-md-6"><label class="form-label" for="bonus-adjust-reason">{{tx("admin/plugins/bonus:catalog.reason")}}</label><input class="form-control" id="bonus-adjust-reason" name="reason" maxlength="500" required></div>
        <div class="col-12 col-md-2"><button class="btn btn-outline-primary w-100" type="submit">{{tx("admin/plugins/bonus:catalog.adjust-button")}}</button></div>
        <div class="form-text col-12" id="bonus-adjust-help">{{tx("admin/plugins/bonus:catalog.delta-help")}}</div>
      </form>
      {{{ if hasAdjustments }}}
      <div class="table-responsive mt-3"><table class="table table-sm">
        <caption>{{tx("admin/plugins/bonus:catalog.adjustments")}}</caption>
        <thead><tr><th scope="col">{{tx("admin/plugins/bonus:catalog.when")}}</th><th scope="col">{{tx("admin/plugins/bonus:catalog.size")}}</th><th scope="col" class="text-end">{{tx("admin/plugins/bonus:catalog.delta")}}</th><th scope="col" class="text-end">{{tx("admin/plugins/bonus:catalog.after")}}</th><th scope="col">{{tx("admin/plugins/bonus:catalog.who")}}</th><th scope="col">{{tx("admin/plugins/bonus:catalog.reason")}}</th></tr></thead>
        <tbody>{{{ each adjustments }}}<tr><td><time datetime="{./iso}">{./when}</time></td><td>{./variant}</td><td class="text-end">{./delta}</td><td class="text-end">{./after}</td><td>{./who}</td><td>{./reason}</td></tr>{{{ end }}}</tbody>
      </table></div>
      {{{ end }}}
    </div>
  </section>
  {{{ end }}}

  {{{ if hasPool }}}
  <section class="card mb-3" aria-labelledby="bonus-codes-title">
    <div class="card-body">
      <h2 class="fs-5" id="bonus-codes-title">{{tx("admin/plugins/bonus:catalog.codes")}}</h2>
      <p data-bonus="pool" data-available="{pool.available}" data-sold="{pool.sold}" data-stock="{productStock}" aria-live="polite">{{tx("admin/plugins/bonus:catalog.pool", pool.available, pool.sold, productStock)}}</p>
      <form class="bonus-codes-form" novalidate>
        <label class="form-label" for="bonus-codes-text">{{tx("admin/plugins/bonus:catalog.codes-paste")}}</label>
        <textarea class="form-control font-monospace mb-2" id="bonus-codes-text" name="text" rows="6" spellcheck="false" autocomplete="off"></textarea>
        <label class="form-label" for="bonus-codes-file">{{tx("admin/plugins/bonus:catalog.codes-file")}}</label>
        <input class="form-control mb-2" id="bonus-codes-file" type="file" accept=".csv,.txt,text/csv,text/plain">
        <button class="btn btn-outline-primary" type="submit">{{tx("admin/plugins/bonus:catalog.codes-import")}}</button>
      </form>
      <div class="mt-3" data-bonus="import-report" role="status" aria-live="polite"></div>
    </div>
  </section>
  {{{ end }}}
  {{{ end }}}
</div>
